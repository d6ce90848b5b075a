namespace LocalSpec.Measures;

/// <summary>
/// The per-step jitter of the feature visualisation (METHOD.md §6): a circular shift (wrap-around,
/// like torch.roll) of each image by an integer (dy, dx). Pixels pushed out over one border come
/// back in over the opposite one, so no pixel is invented or lost and every pixel keeps receiving
/// gradient; the shift is a permutation, so its adjoint (the backward pass) is the opposite shift.
/// </summary>
internal static class FeatureVisJitter
{
    // x [C, H, W] → y [C, H, W]: y[c, h, w] = x[c, (h − dy) mod H, (w − dx) mod W] (content moves down dy, right dx)
    public static void Shift(ReadOnlySpan<float> x, Span<float> y, int channels, int height, int width, int dy, int dx)
    {
        int plane = height * width;
        if (x.Length != channels * plane || y.Length != x.Length)
            throw new ArgumentException($"Shift needs images of {channels}·{height}·{width} values, got {x.Length} and {y.Length}.");
        dx = Mod(dx, width);
        for (int c = 0; c < channels; c++)
        {
            for (int h = 0; h < height; h++)
            {
                var source = x.Slice(c * plane + Mod(h - dy, height) * width, width);
                var target = y.Slice(c * plane + h * width, width);
                source[..(width - dx)].CopyTo(target[dx..]);
                source[(width - dx)..].CopyTo(target[..dx]);
            }
        }
    }

    // dY [C, H, W] → dX [C, H, W] for y = Shift(x, dy, dx): the inverse permutation
    public static void ShiftBackward(ReadOnlySpan<float> dY, Span<float> dX, int channels, int height, int width, int dy, int dx) =>
        Shift(dY, dX, channels, height, width, -dy, -dx);

    private static int Mod(int a, int n) => ((a % n) + n) % n;
}
