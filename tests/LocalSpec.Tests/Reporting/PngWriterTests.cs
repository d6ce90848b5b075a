using System.Text;
using LocalSpec.Numerics;
using LocalSpec.Reporting;

namespace LocalSpec.Tests.Reporting;

public sealed class PngWriterTests
{
    private static byte[] RandomBytes(ulong seed, int count)
    {
        var rng = new Rng(seed);
        var bytes = new byte[count];
        for (int i = 0; i < count; i++) bytes[i] = (byte)rng.NextInt(256);
        return bytes;
    }

    [Fact]
    public void Crc32_matches_the_standard_check_values()
    {
        // "123456789" → 0xCBF43926 is the catalogued check value of CRC-32/ISO-HDLC; every PNG ends with IEND AE 42 60 82
        Assert.Equal(0xCBF43926u, PngCrc32.Compute(Encoding.ASCII.GetBytes("123456789")));
        Assert.Equal(0xAE426082u, PngCrc32.Compute(Encoding.ASCII.GetBytes("IEND")));
        Assert.Equal(0u, PngCrc32.Compute([]));
    }

    [Fact]
    public void Crc32_matches_a_bitwise_implementation_on_random_data()
    {
        for (ulong seed = 1; seed <= 20; seed++)
        {
            byte[] data = RandomBytes(seed, (int)seed * 37);
            Assert.Equal(PngDecoder.BitwiseCrc32(data), PngCrc32.Compute(data));
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 5)]
    [InlineData(300, 2)]
    [InlineData(3, 200)]
    public void Gray_image_round_trips_through_an_independent_decoder(int width, int height)
    {
        byte[] pixels = RandomBytes((ulong)(width * 1000 + height), width * height);
        var decoded = PngDecoder.Decode(PngWriter.Encode(new PngImage(width, height, PngColor.Gray, pixels)));
        Assert.Equal((width, height, 8, 0, 0), (decoded.Width, decoded.Height, decoded.BitDepth, decoded.ColorType, decoded.Interlace));
        Assert.Equal(["IHDR", "IDAT", "IEND"], decoded.Chunks);
        Assert.Equal(pixels, decoded.Pixels);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(6, 4)]
    [InlineData(129, 3)]
    public void Rgb_image_round_trips_through_an_independent_decoder(int width, int height)
    {
        byte[] pixels = RandomBytes((ulong)(width * 7 + height), width * height * 3);
        var decoded = PngDecoder.Decode(PngWriter.Encode(new PngImage(width, height, PngColor.Rgb, pixels)));
        Assert.Equal((width, height, 8, 2, 0), (decoded.Width, decoded.Height, decoded.BitDepth, decoded.ColorType, decoded.Interlace));
        Assert.Equal(pixels, decoded.Pixels);
    }

    [Fact]
    public void Header_bytes_are_the_png_layout()
    {
        byte[] file = PngWriter.Encode(new PngImage(2, 3, PngColor.Rgb, new byte[18]));
        // signature, IHDR length 13, "IHDR", width 2, height 3, depth 8, colour 2, compression/filter/interlace 0
        byte[] expected = [137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 2, 0, 0, 0, 3, 8, 2, 0, 0, 0];
        Assert.Equal(expected, file.AsSpan(0, expected.Length).ToArray());
        Assert.Equal(new byte[] { 0, 0, 0, 0, 73, 69, 78, 68, 0xAE, 0x42, 0x60, 0x82 }, file.AsSpan(file.Length - 12).ToArray());
    }

    [Fact]
    public void Encoding_is_deterministic()
    {
        byte[] pixels = RandomBytes(3, 40 * 30);
        Assert.Equal(PngWriter.Encode(new PngImage(40, 30, PngColor.Gray, pixels)), PngWriter.Encode(new PngImage(40, 30, PngColor.Gray, (byte[])pixels.Clone())));
    }

    [Fact]
    public void Image_rejects_a_pixel_buffer_of_the_wrong_size()
    {
        Assert.Throws<ArgumentException>(() => new PngImage(2, 2, PngColor.Rgb, new byte[4]));
        Assert.Throws<ArgumentException>(() => new PngImage(0, 2, PngColor.Gray, []));
        Assert.Throws<ArgumentException>(() => new PngImage(1, 1, (PngColor)6, new byte[4]));
    }

    [Fact]
    public void Write_replaces_changed_files_and_leaves_identical_ones_untouched()
    {
        string directory = Directory.CreateTempSubdirectory("localspec-png-").FullName;
        try
        {
            string path = Path.Combine(directory, "image.png");
            var first = new PngImage(3, 2, PngColor.Gray, [1, 2, 3, 4, 5, 6]);
            PngWriter.Write(path, first);
            Assert.Equal(PngWriter.Encode(first), File.ReadAllBytes(path));
            var stamp = new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);
            File.SetLastWriteTimeUtc(path, stamp);
            PngWriter.Write(path, new PngImage(3, 2, PngColor.Gray, [1, 2, 3, 4, 5, 6]));
            Assert.Equal(stamp, File.GetLastWriteTimeUtc(path));
            var second = new PngImage(3, 2, PngColor.Gray, [6, 5, 4, 3, 2, 1]);
            PngWriter.Write(path, second);
            Assert.Equal(PngWriter.Encode(second), File.ReadAllBytes(path));
            Assert.Equal(["image.png"], Directory.GetFiles(directory).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
