using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace LocalSpec.Tests.Reporting;

/// <summary>A decoded PNG: header fields, chunk types in file order, and the unfiltered pixels [H, W·samples].</summary>
internal sealed record DecodedPng(int Width, int Height, int BitDepth, int ColorType, int Interlace, byte[] Pixels, IReadOnlyList<string> Chunks);

/// <summary>
/// An independent PNG reader for the tests (shares no code with the writer): checks the signature,
/// every chunk's CRC-32 (bit-by-bit, no table), the chunk order, the zlib header and Adler-32
/// trailer, and undoes all five scanline filters. Supports 8-bit gray and RGB, non-interlaced.
/// </summary>
internal static class PngDecoder
{
    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    public static DecodedPng Decode(byte[] file)
    {
        Assert.True(file.AsSpan(0, 8).SequenceEqual(Signature), "PNG signature");
        var chunks = new List<string>();
        using var idat = new MemoryStream();
        int width = 0, height = 0, depth = 0, colorType = 0, interlace = 0, at = 8;
        while (at < file.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(at, 4));
            string type = Encoding.ASCII.GetString(file, at + 4, 4);
            var data = file.AsSpan(at + 8, length);
            uint stored = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(at + 8 + length, 4));
            Assert.True(BitwiseCrc32(file.AsSpan(at + 4, 4 + length)) == stored, $"CRC of chunk {type}");
            chunks.Add(type);
            if (type == "IHDR")
            {
                Assert.Equal(13, length);
                width = BinaryPrimitives.ReadInt32BigEndian(data[..4]);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..8]);
                (depth, colorType, interlace) = (data[8], data[9], data[12]);
                Assert.Equal(0, data[10]); // compression method
                Assert.Equal(0, data[11]); // filter method
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }
            else if (type == "IEND")
            {
                Assert.Equal(0, length);
            }
            at += 12 + length;
        }
        Assert.Equal(file.Length, at);
        Assert.Equal("IHDR", chunks[0]);
        Assert.Equal("IEND", chunks[^1]);
        int samples = colorType switch { 0 => 1, 2 => 3, _ => throw new InvalidOperationException($"colour type {colorType}") };
        byte[] raw = Inflate(idat.ToArray());
        Assert.Equal(height * (1 + width * samples), raw.Length);
        return new DecodedPng(width, height, depth, colorType, interlace, Unfilter(raw, width * samples, height, samples), chunks);
    }

    /// <summary>CRC-32 (reflected 0xEDB88320), one bit at a time.</summary>
    public static uint BitwiseCrc32(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xEDB88320 & (0 - (crc & 1)));
        }
        return ~crc;
    }

    private static byte[] Inflate(byte[] zlib)
    {
        Assert.Equal(8, zlib[0] & 0x0F); // CM = deflate
        Assert.Equal(0, (zlib[0] * 256 + zlib[1]) % 31); // FCHECK
        using var output = new MemoryStream();
        using (var stream = new ZLibStream(new MemoryStream(zlib), CompressionMode.Decompress)) stream.CopyTo(output);
        byte[] raw = output.ToArray();
        uint a = 1, b = 0;
        foreach (byte x in raw)
        {
            a = (a + x) % 65521;
            b = (b + a) % 65521;
        }
        Assert.Equal((b << 16) | a, BinaryPrimitives.ReadUInt32BigEndian(zlib.AsSpan(zlib.Length - 4)));
        return raw;
    }

    private static byte[] Unfilter(byte[] raw, int stride, int height, int bpp)
    {
        var pixels = new byte[stride * height];
        for (int y = 0; y < height; y++)
        {
            int filter = raw[y * (stride + 1)];
            for (int x = 0; x < stride; x++)
            {
                int value = raw[y * (stride + 1) + 1 + x];
                int left = x >= bpp ? pixels[y * stride + x - bpp] : 0;
                int up = y > 0 ? pixels[(y - 1) * stride + x] : 0;
                int upLeft = x >= bpp && y > 0 ? pixels[(y - 1) * stride + x - bpp] : 0;
                int predictor = filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidOperationException($"filter type {filter} in row {y}"),
                };
                pixels[y * stride + x] = (byte)(value + predictor);
            }
        }
        return pixels;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
