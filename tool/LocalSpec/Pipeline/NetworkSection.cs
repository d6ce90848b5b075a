using LocalSpec.Nn;

namespace LocalSpec.Pipeline;

/// <summary>
/// The manifest's <c>network</c>: <paramref name="Arch"/> is a preset name (<see cref="Presets.Names"/>)
/// or the full path of an architecture .json file (written relative to the manifest, resolved by the reader).
/// </summary>
public sealed record NetworkSection(string Arch)
{
    public bool IsPreset => Presets.Names.Contains(Arch);
}
