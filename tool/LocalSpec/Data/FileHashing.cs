using System.Security.Cryptography;

namespace LocalSpec.Data;

/// <summary>SHA-256 of files and streams as lower-case hex, the form used in manifests and pins.</summary>
public static class FileHashing
{
    public static string Sha256Hex(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
            return Sha256Hex(stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataException($"{path}: cannot read ({e.Message})", e);
        }
    }

    public static string Sha256Hex(Stream stream) => Convert.ToHexStringLower(SHA256.HashData(stream));

    public static string Sha256Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>The manifest entry for <paramref name="relativePath"/> under <paramref name="directory"/>.</summary>
    public static DataFileHash Describe(string directory, string relativePath)
    {
        string full = Path.Combine(directory, relativePath);
        return new DataFileHash(relativePath.Replace('\\', '/'), new FileInfo(full).Length, Sha256Hex(full));
    }
}
