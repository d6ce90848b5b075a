using LocalSpec.Reporting;

namespace LocalSpec.Tests.Reporting;

public sealed class PngGridTests
{
    private static readonly PngGridOptions Small = new() { Scale = 2, Separator = 1 };

    [Fact]
    public void A_row_scales_each_image_by_nearest_neighbour_and_separates_the_cells()
    {
        // two 1×2 gray images, ×2, 1-pixel white separator: 0 → 0, 1 → 255, 0.5 → 128, 0.25 → 64
        var image = PngGrid.Row([[0f, 1f], [0.5f, 0.25f]], [1, 1, 2], Small);
        byte[] row = [0, 0, 255, 255, 255, 128, 128, 64, 64];
        Assert.Equal((9, 2, PngColor.Gray), (image.Width, image.Height, image.Color));
        Assert.Equal([.. row, .. row], image.Pixels);
    }

    [Fact]
    public void Rows_are_separated_and_missing_cells_are_blank()
    {
        var image = PngGrid.Compose([[[1f]], [[0f], [0f]]], [1, 1, 1], Small);
        Assert.Equal((5, 5), (image.Width, image.Height));
        byte[] expected =
        [
            255, 255, 255, 255, 255,
            255, 255, 255, 255, 255,
            255, 255, 255, 255, 255,
            0, 0, 255, 0, 0,
            0, 0, 255, 0, 0,
        ];
        Assert.Equal(expected, image.Pixels);
    }

    [Fact]
    public void Null_cells_are_blank()
    {
        var image = PngGrid.Row([null, [0f]], [1, 1, 1], new PngGridOptions { Scale = 1, Separator = 1, SeparatorValue = 200 });
        Assert.Equal(new byte[] { 200, 200, 0 }, image.Pixels);
    }

    [Fact]
    public void Three_channel_images_become_rgb_pixels()
    {
        // [3, 1, 2]: channel-major input, interleaved output
        var image = PngGrid.Row([[1f, 0f, 0f, 1f, 0.5f, 0.5f]], [3, 1, 2], new PngGridOptions { Scale = 1 });
        Assert.Equal((2, 1, PngColor.Rgb), (image.Width, image.Height, image.Color));
        Assert.Equal(new byte[] { 255, 0, 128, 0, 255, 128 }, image.Pixels);
    }

    [Fact]
    public void Two_channel_images_show_their_channels_side_by_side()
    {
        var image = PngGrid.Row([[0f, 1f], [1f, 0f]], [2, 1, 1], Small);
        // cell = channel 0 (2 px), gray line (1 px), channel 1 (2 px); cells split by 1 white px
        byte[] row = [0, 0, 128, 255, 255, 255, 255, 255, 128, 0, 0];
        Assert.Equal((11, 2, PngColor.Gray), (image.Width, image.Height, image.Color));
        Assert.Equal([.. row, .. row], image.Pixels);
    }

    [Fact]
    public void Clamp_scaling_clips_out_of_range_values_and_maps_nan_to_black()
    {
        var image = PngGrid.Row([[-1f, 2f, float.NaN, 1f / 255]], [1, 1, 4], new PngGridOptions { Scale = 1 });
        Assert.Equal(new byte[] { 0, 255, 0, 1 }, image.Pixels);
    }

    [Fact]
    public void Per_image_scaling_stretches_each_image_to_the_full_range()
    {
        var options = new PngGridOptions { Scale = 1, Separator = 1, Scaling = PngGridScaling.PerImage };
        var image = PngGrid.Row([[2f, 4f, 3f], [5f, 5f, 5f]], [1, 1, 3], options);
        Assert.Equal(new byte[] { 0, 255, 128, 255, 128, 128, 128 }, image.Pixels);
    }

    [Fact]
    public void A_grid_encodes_to_a_valid_png()
    {
        var rows = Enumerable.Range(0, 3).Select(r => (IReadOnlyList<float[]?>)Enumerable.Range(0, 4)
            .Select(c => Enumerable.Range(0, 2 * 5 * 6).Select(p => (r * 31 + c * 7 + p) % 11 / 10f).ToArray()).ToArray()).ToArray();
        var image = PngGrid.Compose(rows, [2, 5, 6], new PngGridOptions { Scale = 3 });
        var decoded = PngDecoder.Decode(PngWriter.Encode(image));
        Assert.Equal((image.Width, image.Height), (decoded.Width, decoded.Height));
        Assert.Equal(image.Pixels, decoded.Pixels);
        Assert.Equal(4 * (2 * 6 * 3 + 1) + 3 * 2, image.Width);
        Assert.Equal(3 * 5 * 3 + 2 * 2, image.Height);
    }

    [Fact]
    public void Bad_shapes_and_sizes_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => PngGrid.Row([[0f, 1f]], [1, 1, 3]));
        Assert.Throws<ArgumentException>(() => PngGrid.Row([[0f]], [1, 1]));
        Assert.Throws<ArgumentException>(() => PngGrid.Compose([], [1, 1, 1]));
        Assert.Throws<ArgumentException>(() => PngGrid.Row([[0f]], [1, 1, 1], new PngGridOptions { Scale = 0 }));
    }
}
