namespace LocalSpec.Nn;

/// <summary>
/// Direct-loop convolution (stride 1, zero padding <c>pad</c>) with double accumulation: slow and
/// obviously correct, the oracle for <see cref="Conv2d"/>'s im2col + GEMM path.
/// </summary>
internal static class Conv2dReference
{
    // x [N, C, H, W], w [K, C, R, R], b [K] → y [N, K, Ho, Wo], Ho = H + 2·pad − R + 1
    public static float[] Forward(float[] x, int n, int c, int h, int w, float[] weight, float[] bias, int k, int r, int pad)
    {
        int ho = h + 2 * pad - r + 1, wo = w + 2 * pad - r + 1;
        var y = new float[n * k * ho * wo];
        for (int i = 0; i < n; i++)
        for (int f = 0; f < k; f++)
        for (int oh = 0; oh < ho; oh++)
        for (int ow = 0; ow < wo; ow++)
        {
            double sum = bias[f];
            for (int ch = 0; ch < c; ch++)
            for (int ki = 0; ki < r; ki++)
            for (int kj = 0; kj < r; kj++)
            {
                int ih = oh + ki - pad, iw = ow + kj - pad;
                if (ih < 0 || ih >= h || iw < 0 || iw >= w) continue;
                sum += (double)x[((i * c + ch) * h + ih) * w + iw] * weight[((f * c + ch) * r + ki) * r + kj];
            }
            y[((i * k + f) * ho + oh) * wo + ow] = (float)sum;
        }
        return y;
    }

    // dy [N, K, Ho, Wo] → dx [N, C, H, W], dW [K, C, R, R], db [K]
    public static (float[] Dx, float[] DWeight, float[] DBias) Backward(
        float[] x, int n, int c, int h, int w, float[] weight, int k, int r, int pad, float[] dy)
    {
        int ho = h + 2 * pad - r + 1, wo = w + 2 * pad - r + 1;
        var dx = new double[n * c * h * w];
        var dWeight = new double[k * c * r * r];
        var dBias = new double[k];
        for (int i = 0; i < n; i++)
        for (int f = 0; f < k; f++)
        for (int oh = 0; oh < ho; oh++)
        for (int ow = 0; ow < wo; ow++)
        {
            double g = dy[((i * k + f) * ho + oh) * wo + ow];
            dBias[f] += g;
            for (int ch = 0; ch < c; ch++)
            for (int ki = 0; ki < r; ki++)
            for (int kj = 0; kj < r; kj++)
            {
                int ih = oh + ki - pad, iw = ow + kj - pad;
                if (ih < 0 || ih >= h || iw < 0 || iw >= w) continue;
                int xi = ((i * c + ch) * h + ih) * w + iw, wi = ((f * c + ch) * r + ki) * r + kj;
                dx[xi] += g * weight[wi];
                dWeight[wi] += g * x[xi];
            }
        }
        return (ToFloat(dx), ToFloat(dWeight), ToFloat(dBias));
    }

    private static float[] ToFloat(double[] values) => Array.ConvertAll(values, v => (float)v);
}
