using LocalSpec.Data;
using Xunit;

namespace LocalSpec.Tests.Data;

public sealed class CifarBinaryReaderTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static byte[] Record(byte label, Func<int, int, int, byte> pixel)
    {
        var record = new byte[3073];
        record[0] = label;
        for (int c = 0; c < 3; c++)
            for (int h = 0; h < 32; h++)
                for (int w = 0; w < 32; w++)
                    record[1 + c * 1024 + h * 32 + w] = pixel(c, h, w);
        return record;
    }

    [Fact]
    public void Records_map_to_CHW_planes_in_file_order_across_batches()
    {
        byte Pixel(int c, int h, int w) => (byte)(c * 80 + h + w);
        string first = DataTestFiles.Write(_temp.Path, "a.bin", [.. Record(3, Pixel), .. Record(9, (c, h, w) => 255)]);
        string second = DataTestFiles.Write(_temp.Path, "b.bin", Record(0, (c, h, w) => 0));

        LabeledImages set = CifarBinaryReader.Read([first, second]);

        Assert.Equal((3, 3, 32, 32), (set.Count, set.Channels, set.Height, set.Width));
        Assert.Equal([3, 9, 0], set.Labels);
        // Independent index arithmetic: [n, c, h, w] → ((n·3 + c)·32 + h)·32 + w.
        Assert.Equal((2 * 80 + 5 + 7) / 255f, set.Pixels[((0 * 3 + 2) * 32 + 5) * 32 + 7]);
        Assert.Equal((1 * 80 + 31 + 0) / 255f, set.Pixels[((0 * 3 + 1) * 32 + 31) * 32 + 0]);
        Assert.Equal(1f, set.Pixels[((1 * 3 + 0) * 32 + 0) * 32 + 0]);
        Assert.Equal(0f, set.Pixels[^1]);
    }

    [Fact]
    public void A_partial_record_is_rejected_with_the_file()
    {
        string path = DataTestFiles.Write(_temp.Path, "cut.bin", Record(1, (c, h, w) => 1)[..3000]);

        var e = Assert.Throws<DataException>(() => CifarBinaryReader.Read([path]));

        Assert.Contains(path, e.Message);
        Assert.Contains("3073-byte", e.Message);
    }

    [Fact]
    public void A_label_of_10_or_more_is_rejected()
    {
        string path = DataTestFiles.Write(_temp.Path, "bad.bin", [.. Record(1, (c, h, w) => 1), .. Record(10, (c, h, w) => 1)]);

        Assert.Contains("record 1 has label 10", Assert.Throws<DataException>(() => CifarBinaryReader.Read([path])).Message);
        Assert.Contains("record 1 has label 10", Assert.Throws<DataException>(() => CifarBinaryReader.CountRecords(path)).Message);
    }
}
