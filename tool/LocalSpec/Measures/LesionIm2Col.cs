using System.Runtime.Intrinsics;

namespace LocalSpec.Measures;

/// <summary>
/// im2col for the fast path's convolutions, over a subset of input channels and the top-left
/// Hn × Wn block of output positions (the part a floor-mode max-pool reads). Input planes may be
/// laid out either way: plane (c, r) starts at c·ChannelStride + r·RowStride.
/// </summary>
internal static unsafe class LesionIm2Col
{
    /// <summary>
    /// col [|channels|·K·K, rows·Hn·Wn] (from <paramref name="colOffset"/>): row (ci, ki, kj), column r·Hn·Wn + oh·Wn + ow holds
    /// x[plane(channels[ci], r0 + r)][(oh + ki − pad)·W + ow + kj − pad], 0 outside the H × W input.
    /// </summary>
    public static void Fill(float[] x, int channelStride, int rowStride, int height, int width,
        ReadOnlySpan<int> channels, int kernel, int pad, int outHeight, int outWidth, int r0, int rows, float[] col, int colOffset, LesionCompute compute)
    {
        int positions = outHeight * outWidth, columns = rows * positions, count = channels.Length;
        int[] chosen = channels.ToArray();
        compute.For(rows * count, kernel * kernel * positions, item =>
        {
            int r = item / count, ci = item % count;
            fixed (float* px = x, pc = col)
            {
                float* plane = px + (nint)chosen[ci] * channelStride + (nint)(r0 + r) * rowStride;
                for (int ki = 0; ki < kernel; ki++)
                {
                    for (int kj = 0; kj < kernel; kj++)
                    {
                        float* dst = pc + colOffset + (nint)((ci * kernel + ki) * kernel + kj) * columns + (nint)r * positions;
                        int lo = Math.Max(0, pad - kj), hi = Math.Min(outWidth, width + pad - kj);
                        for (int oh = 0; oh < outHeight; oh++)
                        {
                            float* line = dst + oh * outWidth;
                            int ih = oh + ki - pad;
                            if (ih < 0 || ih >= height || lo >= hi)
                            {
                                new Span<float>(line, outWidth).Clear();
                                continue;
                            }
                            for (int j = 0; j < lo; j++) line[j] = 0f;
                            Copy(plane + ih * width + lo + kj - pad, line + lo, hi - lo);
                            for (int j = hi; j < outWidth; j++) line[j] = 0f;
                        }
                    }
                }
            }
        });
    }

    // dst[0..n) = src[0..n): 8-float vectors with an overlapping last one (rows of a few tens of floats).
    private static void Copy(float* src, float* dst, int n)
    {
        if (n < 8 || !Vector256.IsHardwareAccelerated)
        {
            for (int j = 0; j < n; j++) dst[j] = src[j];
            return;
        }
        int i = 0;
        for (; i + 8 <= n; i += 8) Vector256.Store(Vector256.Load(src + i), dst + i);
        if (i < n) Vector256.Store(Vector256.Load(src + n - 8), dst + n - 8);
    }

    /// <summary>W [K, C, R, R] restricted to <paramref name="channels"/>: [K, |channels|·R·R] (the im2col row order).</summary>
    public static void GatherKernels(ReadOnlySpan<float> weight, int filters, int inChannels, int kernel, ReadOnlySpan<int> channels, Span<float> result)
    {
        int rr = kernel * kernel, row = channels.Length * rr;
        for (int k = 0; k < filters; k++)
            for (int ci = 0; ci < channels.Length; ci++)
                weight.Slice((k * inChannels + channels[ci]) * rr, rr).CopyTo(result.Slice(k * row + ci * rr, rr));
    }
}
