using System.Security.Cryptography;

namespace LocalSpec.Pipeline;

/// <summary>Content hashes for stage keys and artifact verification: SHA-256 as lower-case hex, read in 1 MiB blocks.</summary>
public static class FileHash
{
    private const int BlockSize = 1 << 20;

    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IOException">It cannot be read.</exception>
    public static string Sha256(string path) => Describe(path).Sha256;

    /// <summary>SHA-256 and size of a file, from one pass over it.</summary>
    public static ArtifactFile Describe(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BlockSize, FileOptions.SequentialScan);
        return Describe(stream);
    }

    /// <summary>SHA-256 and length of the rest of <paramref name="stream"/>.</summary>
    public static ArtifactFile Describe(Stream stream)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] block = new byte[BlockSize];
        long size = 0;
        int read;
        while ((read = stream.Read(block, 0, block.Length)) > 0)
        {
            sha.AppendData(block, 0, read);
            size += read;
        }
        return new ArtifactFile(Convert.ToHexStringLower(sha.GetHashAndReset()), size);
    }
}
