namespace LocalSpec.Pipeline;

/// <summary>One file of an artifact as recorded in artifact.json and localspec.lock: lower-case hex SHA-256 and size in bytes.</summary>
public sealed record ArtifactFile(string Sha256, long Size);
