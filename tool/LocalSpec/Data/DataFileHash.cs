namespace LocalSpec.Data;

/// <summary>One stored data file: its path relative to the set's folder, size and SHA-256 (lower-case hex).</summary>
public sealed record DataFileHash(string Path, long Bytes, string Sha256);
