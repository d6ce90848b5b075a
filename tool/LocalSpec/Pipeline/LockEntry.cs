namespace LocalSpec.Pipeline;

/// <summary>
/// One stage instance in localspec.lock: its name within the manifest (e.g. <c>graph/weights@r0</c>),
/// the key it was built with, what the key was made of (so <c>localspec why</c> can say what changed),
/// and the hashes of its outputs.
/// </summary>
public sealed record LockEntry(string Stage, string Kind, string Key, StageKeyInput KeyInput,
    IReadOnlyDictionary<string, ArtifactFile> Outputs)
{
    /// <summary>The entry for a stage instance whose artifact is <paramref name="artifact"/>.</summary>
    public static LockEntry From(string stage, ArtifactHandle artifact)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        return new LockEntry(stage, artifact.Kind, artifact.Key, artifact.KeyInput, artifact.Files);
    }
}
