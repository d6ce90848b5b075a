namespace LocalSpec.Pipeline;

/// <summary>
/// A verified (or just committed) artifact in the <see cref="ArtifactStore"/>: its folder and the files
/// it holds, by relative name with '/' separators, sorted ordinally. Artifacts are never modified
/// in place, so the paths stay valid until the artifact is removed.
/// </summary>
public sealed record ArtifactHandle(string Kind, string Key, string Directory, StageKeyInput KeyInput,
    IReadOnlyDictionary<string, ArtifactFile> Files)
{
    /// <summary>Full path of one of <see cref="Files"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a file of this artifact.</exception>
    public string PathOf(string name)
    {
        if (!Files.ContainsKey(name))
            throw new ArgumentException(
                $"The {Kind} artifact {Key} has no file '{name}' (it has: {string.Join(", ", Files.Keys)}).", nameof(name));
        return Path.Combine([Directory, .. name.Split('/')]);
    }

    /// <summary>Total bytes of <see cref="Files"/> (artifact.json not counted).</summary>
    public long Size => Files.Values.Sum(f => f.Size);
}
