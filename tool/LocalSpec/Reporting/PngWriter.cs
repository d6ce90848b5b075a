using System.Buffers.Binary;
using System.IO.Compression;

namespace LocalSpec.Reporting;

/// <summary>
/// Minimal PNG encoder (PNG spec, 3rd ed.): signature, IHDR (8-bit, non-interlaced), one IDAT
/// holding the zlib stream of all scanlines, IEND. Every scanline uses filter type 0 (None) and the
/// stream is compressed with the framework's <see cref="ZLibStream"/> at a fixed level, so the
/// same pixels always give the same bytes.
/// </summary>
public static class PngWriter
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static byte[] Encode(PngImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var file = new MemoryStream();
        file.Write(Signature);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(0, 4), image.Width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4, 4), image.Height);
        header[8] = 8; // bit depth
        header[9] = (byte)image.Color;
        // header[10..12] = 0: deflate compression, adaptive filtering (method 0), no interlace
        WriteChunk(file, "IHDR", header);
        WriteChunk(file, "IDAT", Compress(image));
        WriteChunk(file, "IEND", []);
        return file.ToArray();
    }

    /// <summary>
    /// Writes <paramref name="image"/> to <paramref name="path"/> atomically (a temporary file renamed
    /// into place); a file that already holds exactly these bytes is left untouched.
    /// </summary>
    public static void Write(string path, PngImage image)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes = Encode(image);
        if (File.Exists(path) && new FileInfo(path).Length == bytes.Length && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes)) return;
        string temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    // pixels [H, W·channels] → zlib(filter byte 0 + row, for each row)
    private static byte[] Compress(PngImage image)
    {
        int stride = image.Width * image.Channels;
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            var row = new byte[stride + 1];
            for (int y = 0; y < image.Height; y++)
            {
                image.Pixels.AsSpan(y * stride, stride).CopyTo(row.AsSpan(1));
                zlib.Write(row);
            }
        }
        return compressed.ToArray();
    }

    // length (big-endian), type, data, CRC-32 of type + data
    private static void WriteChunk(Stream stream, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        stream.Write(word);
        byte[] typeBytes = [(byte)type[0], (byte)type[1], (byte)type[2], (byte)type[3]];
        stream.Write(typeBytes);
        stream.Write(data);
        uint crc = PngCrc32.Update(PngCrc32.Update(0xFFFFFFFFu, typeBytes), data) ^ 0xFFFFFFFFu;
        BinaryPrimitives.WriteUInt32BigEndian(word, crc);
        stream.Write(word);
    }
}
