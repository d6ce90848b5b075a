using LocalSpec.Nn;

namespace LocalSpec.Measures;

/// <summary>
/// im2col for the fast path's convolutions, over a subset of input channels and the top-left
/// Hn × Wn block of output positions (the part a floor-mode max-pool reads). Input planes may be
/// laid out either way: plane (c, r) starts at c·ChannelStride + r·RowStride.
/// </summary>
internal static class LesionIm2Col
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
            var plane = x.AsSpan(chosen[ci] * channelStride + (r0 + r) * rowStride, height * width);
            for (int ki = 0; ki < kernel; ki++)
            {
                for (int kj = 0; kj < kernel; kj++)
                {
                    var dst = col.AsSpan(colOffset + ((ci * kernel + ki) * kernel + kj) * columns + r * positions, positions);
                    int lo = Math.Max(0, pad - kj), hi = Math.Min(outWidth, width + pad - kj);
                    for (int oh = 0; oh < outHeight; oh++)
                    {
                        var line = dst.Slice(oh * outWidth, outWidth);
                        int ih = oh + ki - pad;
                        if (ih < 0 || ih >= height || lo >= hi)
                        {
                            line.Clear();
                            continue;
                        }
                        line[..lo].Clear();
                        plane.Slice(ih * width + lo + kj - pad, hi - lo).CopyTo(line[lo..]);
                        line[hi..].Clear();
                    }
                }
            }
        });
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
