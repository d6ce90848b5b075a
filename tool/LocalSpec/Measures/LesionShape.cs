namespace LocalSpec.Measures;

/// <summary>
/// One row's activation in the fast path's forward of the rest of the network, for R rows (stacked
/// lesion × example pairs). Rows layout: [R, F] with F = <see cref="Channels"/> (Height = Width = 1).
/// Planar layout: [C, R, H, W], each channel's R feature maps contiguous, which is what im2col + GEMM
/// produces and lets per-channel work (bias, BatchNorm) run over long spans.
/// </summary>
internal readonly record struct LesionShape(int Channels, int Height, int Width, bool Planar)
{
    public static LesionShape Rows(int features) => new(features, 1, 1, false);

    /// <summary>Floats per row.</summary>
    public int Length => Channels * Height * Width;

    /// <summary>Floats per channel and row (H·W).</summary>
    public int Plane => Height * Width;
}
