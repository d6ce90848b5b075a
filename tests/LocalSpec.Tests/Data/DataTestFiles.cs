using System.Buffers.Binary;
using System.IO.Compression;
using Xunit;

namespace LocalSpec.Tests.Data;

/// <summary>Builds IDX, gzip and CIFAR bytes for tests, independently of the readers under test.</summary>
internal static class DataTestFiles
{
    public static byte[] Idx(byte[] data, params int[] dims) => IdxWithType(0x08, data, dims);

    public static byte[] IdxWithType(byte type, byte[] data, params int[] dims)
    {
        var bytes = new byte[4 + 4 * dims.Length + data.Length];
        bytes[2] = type;
        bytes[3] = (byte)dims.Length;
        for (int d = 0; d < dims.Length; d++)
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4 + 4 * d), (uint)dims[d]);
        data.CopyTo(bytes, 4 + 4 * dims.Length);
        return bytes;
    }

    public static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest)) gzip.Write(bytes);
        return output.ToArray();
    }

    /// <summary>Bytes whose value at i is (i·mul + add) mod 256.</summary>
    public static byte[] Pattern(int length, int mul = 7, int add = 3)
    {
        var bytes = new byte[length];
        for (int i = 0; i < length; i++) bytes[i] = (byte)((i * mul + add) & 0xFF);
        return bytes;
    }

    public static string Write(string directory, string name, byte[] content)
    {
        string path = Path.Combine(directory, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary>
    /// Writes the four MNIST-format IDX files (gzip) for <paramref name="train"/>/<paramref name="test"/>
    /// 28×28 images: image n has every pixel = n mod 256 and label n mod 10.
    /// </summary>
    public static void WriteIdxSet(string directory, int train, int test)
    {
        foreach ((string prefix, int count) in new[] { ("train", train), ("t10k", test) })
        {
            var images = new byte[count * 784];
            var labels = new byte[count];
            for (int n = 0; n < count; n++)
            {
                images.AsSpan(n * 784, 784).Fill((byte)n);
                labels[n] = (byte)(n % 10);
            }
            Write(directory, $"{prefix}-images-idx3-ubyte.gz", Gzip(Idx(images, count, 28, 28)));
            Write(directory, $"{prefix}-labels-idx1-ubyte.gz", Gzip(Idx(labels, count)));
        }
    }
}

/// <summary>A fresh folder under the temp dir, deleted on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Path = Directory.CreateTempSubdirectory("localspec-test-").FullName;

    public string Path { get; }

    public string Sub(string name) => Directory.CreateDirectory(System.IO.Path.Combine(Path, name)).FullName;

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
