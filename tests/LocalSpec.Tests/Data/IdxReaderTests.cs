using LocalSpec.Data;
using Xunit;

namespace LocalSpec.Tests.Data;

public sealed class IdxReaderTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Raw_file_round_trips_dims_and_bytes()
    {
        byte[] data = DataTestFiles.Pattern(3 * 2 * 5);
        string path = DataTestFiles.Write(_temp.Path, "a-idx3-ubyte", DataTestFiles.Idx(data, 3, 2, 5));

        IdxArray array = IdxReader.Read(path);

        Assert.Equal([3, 2, 5], array.Dims);
        Assert.Equal(data, array.Data);
    }

    [Fact]
    public void Gzip_is_detected_by_magic_bytes_not_by_name()
    {
        byte[] data = DataTestFiles.Pattern(4 * 7);
        string gzipNoSuffix = DataTestFiles.Write(_temp.Path, "labels", DataTestFiles.Gzip(DataTestFiles.Idx(data, 4, 7)));
        string rawWithGzSuffix = DataTestFiles.Write(_temp.Path, "raw.gz", DataTestFiles.Idx(data, 4, 7));

        Assert.Equal(data, IdxReader.Read(gzipNoSuffix).Data);
        Assert.Equal(data, IdxReader.Read(rawWithGzSuffix).Data);
    }

    [Fact]
    public void Images_and_labels_become_unit_floats_in_NCHW()
    {
        byte[] pixels = [0, 255, 51, 102, 1, 2, 3, 4];
        string images = DataTestFiles.Write(_temp.Path, "i", DataTestFiles.Idx(pixels, 2, 2, 2));
        string labels = DataTestFiles.Write(_temp.Path, "l", DataTestFiles.Gzip(DataTestFiles.Idx([7, 3], 2)));

        LabeledImages set = IdxReader.ReadImagesAndLabels(images, labels, classes: 10);

        Assert.Equal((2, 1, 2, 2), (set.Count, set.Channels, set.Height, set.Width));
        Assert.Equal([7, 3], set.Labels);
        Assert.Equal(pixels.Select(b => b / 255f).ToArray(), set.Pixels);
        Assert.Equal(0.2f, set.Pixels[2]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Truncated_data_names_the_file(bool gzip)
    {
        byte[] whole = DataTestFiles.Idx(DataTestFiles.Pattern(100), 4, 5, 5);
        byte[] cut = whole[..^10];
        string path = DataTestFiles.Write(_temp.Path, "cut", gzip ? DataTestFiles.Gzip(cut) : cut);

        var e = Assert.Throws<DataException>(() => IdxReader.Read(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("truncated", e.Message);
        Assert.Contains("need 100 bytes", e.Message);
    }

    [Fact]
    public void Every_truncation_of_a_raw_file_is_a_DataException()
    {
        byte[] whole = DataTestFiles.Idx(DataTestFiles.Pattern(60), 3, 4, 5);
        for (int length = 0; length < whole.Length; length++)
        {
            string path = DataTestFiles.Write(_temp.Path, $"t{length}", whole[..length]);
            Assert.Contains(path, Assert.Throws<DataException>(() => IdxReader.Read(path)).Message);
        }
    }

    [Fact]
    public void Every_truncation_of_a_gzip_file_fails_or_still_holds_every_byte()
    {
        byte[] data = DataTestFiles.Pattern(60);
        byte[] gz = DataTestFiles.Gzip(DataTestFiles.Idx(data, 3, 4, 5));
        // Cutting only the 8-byte trailer (CRC-32, length) or the end-of-block code leaves every
        // data byte decodable, and .NET's GZipStream does not insist on the rest; the store's
        // SHA-256 covers that case. Anything shorter must fail, never yield partial data.
        int failures = 0;
        for (int length = 0; length < gz.Length; length++)
        {
            string path = DataTestFiles.Write(_temp.Path, $"t{length}", gz[..length]);
            try
            {
                Assert.Equal(data, IdxReader.Read(path).Data);
            }
            catch (DataException e)
            {
                Assert.Contains(path, e.Message);
                failures++;
            }
        }
        Assert.True(failures >= gz.Length - 10, $"{failures} of {gz.Length} truncations failed");
    }

    [Fact]
    public void Wrong_magic_is_rejected()
    {
        byte[] bytes = DataTestFiles.Idx([1, 2, 3], 3);
        bytes[0] = 0x50; // e.g. a PNG or text file
        string path = DataTestFiles.Write(_temp.Path, "bad", bytes);

        var e = Assert.Throws<DataException>(() => IdxReader.Read(path));

        Assert.Contains("not an IDX file", e.Message);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Non_byte_element_types_are_rejected_with_the_type()
    {
        string path = DataTestFiles.Write(_temp.Path, "float", DataTestFiles.IdxWithType(0x0D, new byte[12], 3));

        var e = Assert.Throws<DataException>(() => IdxReader.Read(path));

        Assert.Contains("0x0D", e.Message);
    }

    [Fact]
    public void Dimensions_whose_product_overflows_are_rejected_before_allocating()
    {
        string path = DataTestFiles.Write(_temp.Path, "huge", DataTestFiles.Idx([1, 2, 3], 65536, 65536, 65536));

        var e = Assert.Throws<DataException>(() => IdxReader.Read(path));

        Assert.Contains("65536x65536x65536", e.Message);
    }

    [Fact]
    public void A_dimension_above_int_range_is_rejected()
    {
        byte[] bytes = DataTestFiles.Idx([1], 1);
        bytes[4] = 0xFF; // dimension 0 = 0xFF000001
        string path = DataTestFiles.Write(_temp.Path, "big", bytes);

        Assert.Throws<DataException>(() => IdxReader.Read(path));
    }

    [Fact]
    public void A_gzip_file_declaring_large_dims_fails_on_truncation_not_allocation()
    {
        string path = DataTestFiles.Write(_temp.Path, "liar.gz", DataTestFiles.Gzip(DataTestFiles.Idx([1, 2, 3], 2_000_000_000)));

        var e = Assert.Throws<DataException>(() => IdxReader.Read(path));

        Assert.Contains("the file has 3", e.Message);
    }

    [Fact]
    public void Trailing_bytes_are_rejected()
    {
        byte[] bytes = [.. DataTestFiles.Idx([1, 2, 3], 3), 9];
        string path = DataTestFiles.Write(_temp.Path, "long", bytes);

        Assert.Contains("trailing", Assert.Throws<DataException>(() => IdxReader.Read(path)).Message);
    }

    [Fact]
    public void Missing_file_is_a_DataException_naming_it()
    {
        string path = Path.Combine(_temp.Path, "absent");

        Assert.Contains(path, Assert.Throws<DataException>(() => IdxReader.Read(path)).Message);
    }

    [Fact]
    public void Random_byte_corruption_never_escapes_as_another_exception()
    {
        byte[] whole = DataTestFiles.Idx(DataTestFiles.Pattern(2 * 3 * 3), 2, 3, 3);
        byte[] labels = DataTestFiles.Idx([1, 2], 2);
        string labelsPath = DataTestFiles.Write(_temp.Path, "labels", labels);
        var rng = new LocalSpec.Numerics.Rng(5);
        for (int trial = 0; trial < 300; trial++)
        {
            byte[] bytes = trial % 2 == 0 ? (byte[])whole.Clone() : DataTestFiles.Gzip(whole);
            int flips = 1 + rng.NextInt(3);
            for (int f = 0; f < flips; f++) bytes[rng.NextInt(Math.Min(bytes.Length, 24))] = (byte)rng.NextInt(256);
            string path = DataTestFiles.Write(_temp.Path, $"c{trial}", bytes);
            try
            {
                IdxReader.ReadImagesAndLabels(path, labelsPath, classes: 10);
            }
            catch (DataException)
            {
            }
        }
    }

    [Fact]
    public void Image_and_label_counts_must_agree()
    {
        string images = DataTestFiles.Write(_temp.Path, "i", DataTestFiles.Idx(new byte[8], 2, 2, 2));
        string labels = DataTestFiles.Write(_temp.Path, "l", DataTestFiles.Idx([1, 2, 3], 3));

        Assert.Contains("3 labels", Assert.Throws<DataException>(() => IdxReader.ReadImagesAndLabels(images, labels, 10)).Message);
    }

    [Fact]
    public void Labels_must_be_below_the_class_count()
    {
        string images = DataTestFiles.Write(_temp.Path, "i", DataTestFiles.Idx(new byte[8], 2, 2, 2));
        string labels = DataTestFiles.Write(_temp.Path, "l", DataTestFiles.Idx([1, 10], 2));

        var e = Assert.Throws<DataException>(() => IdxReader.ReadImagesAndLabels(images, labels, 10));

        Assert.Contains("label 10 at index 1", e.Message);
    }
}
