namespace LocalSpec.Pipeline;

/// <summary>
/// A cached artifact that failed verification and has been removed (the runner reports it as
/// warning LSP102 and rebuilds it). <see cref="Problems"/> says what was wrong, one line each.
/// </summary>
public sealed record ArtifactCorruption(string Kind, string Key, string Directory, IReadOnlyList<string> Problems)
{
    public override string ToString() =>
        $"cached {Kind} artifact {Key} failed verification and was removed: {string.Join("; ", Problems)}";
}
