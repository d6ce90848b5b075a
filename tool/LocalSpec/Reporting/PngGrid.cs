namespace LocalSpec.Reporting;

/// <summary>
/// Lays out float images [C, H, W] (all of one shape) as a grid, like the paper's Figure 6: one row
/// per subcluster, its true image first and its random controls after it. Each image is scaled up by
/// an integer factor (nearest neighbour); cells are separated by lines of
/// <see cref="PngGridOptions.Separator"/> pixels. Channels: C = 1 is gray, C = 3 is RGB; any other C
/// (e.g. the 2 channels of stack-MNIST) is shown as C grayscale panels side by side, channel 0 on
/// the left, split by a thin <see cref="PngGridOptions.ChannelSeparator"/> line; rows may be ragged
/// and a missing (null) cell is left blank.
/// </summary>
public static class PngGrid
{
    /// <summary>One row of images.</summary>
    public static PngImage Row(IReadOnlyList<float[]?> images, int[] imageShape, PngGridOptions? options = null) =>
        Compose([images], imageShape, options);

    /// <summary><paramref name="rows"/>[r][c] is the image [C, H, W] (flat, C order) of cell (r, c).</summary>
    public static PngImage Compose(IReadOnlyList<IReadOnlyList<float[]?>> rows, int[] imageShape, PngGridOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(imageShape);
        options ??= new PngGridOptions();
        options.Validate();
        if (imageShape.Length != 3 || imageShape.Any(d => d < 1))
            throw new ArgumentException($"Grid images need a shape [C, H, W] of positive sizes, got [{string.Join(", ", imageShape)}].", nameof(imageShape));
        int columns = rows.Count == 0 ? 0 : rows.Max(r => r?.Count ?? 0);
        if (columns == 0) throw new ArgumentException("A grid needs at least one cell.", nameof(rows));
        var layout = new Layout(imageShape[0], imageShape[1], imageShape[2], options);
        int width = columns * layout.CellWidth + (columns - 1) * options.Separator;
        int height = rows.Count * layout.CellHeight + (rows.Count - 1) * options.Separator;
        var color = layout.Rgb ? PngColor.Rgb : PngColor.Gray;
        int samples = layout.Rgb ? 3 : 1;
        var pixels = new byte[checked(width * height * samples)];
        pixels.AsSpan().Fill(options.SeparatorValue);
        for (int r = 0; r < rows.Count; r++)
        {
            for (int c = 0; c < (rows[r]?.Count ?? 0); c++)
            {
                if (rows[r][c] is not { } image) continue;
                if (image.Length != layout.Length)
                    throw new ArgumentException($"Grid cell ({r}, {c}) has {image.Length} values; shape [{string.Join(", ", imageShape)}] needs {layout.Length}.", nameof(rows));
                int left = c * (layout.CellWidth + options.Separator), top = r * (layout.CellHeight + options.Separator);
                DrawCell(ToBytes(image, options.Scaling), layout, pixels, width, left, top);
            }
        }
        return new PngImage(width, height, color, pixels);
    }

    private sealed record Layout(int C, int H, int W, PngGridOptions Options)
    {
        public bool Rgb => C == 3;

        public int Panels => C is 1 or 3 ? 1 : C;

        public int Length => C * H * W;

        public int CellWidth => Panels * W * Options.Scale + (Panels - 1) * Options.ChannelSeparator;

        public int CellHeight => H * Options.Scale;
    }

    // image [C, H, W] bytes → output pixels [height, width, samples] at (left, top)
    private static void DrawCell(byte[] image, Layout layout, byte[] pixels, int width, int left, int top)
    {
        int scale = layout.Options.Scale, plane = layout.H * layout.W;
        for (int oy = 0; oy < layout.CellHeight; oy++)
        {
            int h = oy / scale;
            for (int ox = 0; ox < layout.CellWidth; ox++)
            {
                int index = (top + oy) * width + left + ox;
                if (layout.Rgb)
                {
                    int w = ox / scale;
                    for (int ch = 0; ch < 3; ch++) pixels[index * 3 + ch] = image[ch * plane + h * layout.W + w];
                    continue;
                }
                int panelStride = layout.W * scale + layout.Options.ChannelSeparator;
                int panel = ox / panelStride, within = ox % panelStride;
                pixels[index] = within >= layout.W * scale
                    ? layout.Options.ChannelSeparatorValue
                    : image[panel * plane + h * layout.W + within / scale];
            }
        }
    }

    // values [C, H, W] → intensities [C, H, W]
    private static byte[] ToBytes(float[] image, PngGridScaling scaling)
    {
        var bytes = new byte[image.Length];
        if (scaling == PngGridScaling.Clamp)
        {
            for (int p = 0; p < image.Length; p++) bytes[p] = Intensity(image[p]);
            return bytes;
        }
        float lo = float.PositiveInfinity, hi = float.NegativeInfinity;
        foreach (float v in image)
        {
            if (float.IsNaN(v)) continue;
            lo = Math.Min(lo, v);
            hi = Math.Max(hi, v);
        }
        if (!(hi > lo))
        {
            Array.Fill(bytes, (byte)128);
            return bytes;
        }
        for (int p = 0; p < image.Length; p++) bytes[p] = Intensity((image[p] - lo) / (hi - lo));
        return bytes;
    }

    // [0, 1] → 0..255, rounded half up; clamped; NaN → 0
    private static byte Intensity(float v) => float.IsNaN(v) ? (byte)0 : (byte)(int)(Math.Clamp(v, 0f, 1f) * 255f + 0.5f);
}
