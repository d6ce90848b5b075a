using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using LocalSpec.Nn;

namespace LocalSpec.Measures;

/// <summary>
/// Floor-mode max-pool on planar activations, [C, R, Hi, Wi] → [C, R, Hi/s, Wi/s], optionally
/// followed by the bias of the convolution before it (<see cref="LesionConvStep.WithoutBias"/>) and
/// by the ReLU that preceded it in the network (max-pool and ReLU commute exactly, and
/// rectifying after pooling touches a quarter of the values). Max is exact, so the result equals
/// <see cref="MaxPool2d"/>'s value for value; a NaN propagates.
/// The input is overwritten (the 2 × 2 path keeps each pair of rows' maximum in place).
/// </summary>
internal sealed class LesionPoolStep(LesionShape input, int size, bool rectify, float[]? bias = null)
    : LesionStep(input, new LesionShape(input.Channels, input.Height / size, input.Width / size, true))
{
    /// <summary>This pool with <paramref name="channelBias"/> added to every pooled value of its channel, before the ReLU.</summary>
    public LesionPoolStep WithBias(float[] channelBias) => new(Input, size, rectify, channelBias);

    public override void Run(float[] x, float[] y, int rows, float[] scratch, int scratchFloats, LesionCompute compute)
    {
        int planes = Input.Channels * rows;
        bool pairs = size == 2 && Input.Width % 2 == 0 && Input.Width >= 8 && Avx2.IsSupported;
        compute.For(planes, Input.Plane, plane =>
        {
            if (pairs) Pairs(x, plane, y);
            else General(x, plane, y);
        });
        if (bias is not null) AddPerChannel(y, bias, rows * Output.Plane, compute);
        if (rectify) LesionRectifyStep.Rectify(y, planes * Output.Plane, compute);
    }

    /// <summary>y [C, span] += bias[c] per channel.</summary>
    public static void AddPerChannel(float[] y, float[] bias, int span, LesionCompute compute) =>
        compute.For(bias.Length, span, c =>
        {
            var values = y.AsSpan(c * span, span);
            TensorPrimitives.Add(values, bias[c], values);
        });

    /// <summary>
    /// One plane of this step applied to z − c (the conv entry's intact pre-activations minus a
    /// lesion's correction), without writing z − c out: y [Ho·Wo] from z, c [Hi·Wi].
    /// </summary>
    public unsafe void PoolDifference(ReadOnlySpan<float> z, ReadOnlySpan<float> c, Span<float> y)
    {
        int wi = Input.Width, ho = Output.Height, wo = Output.Width;
        fixed (float* pz = z, pc = c, py = y)
        {
            if (size == 2 && wi % 2 == 0 && wi >= 8 && Avx2.IsSupported)
            {
                float* row = stackalloc float[wi];
                for (int oh = 0; oh < ho; oh++)
                {
                    float* za = pz + 2 * oh * wi, ca = pc + 2 * oh * wi;
                    DifferenceMax(za, ca, za + wi, ca + wi, row, wi);
                    PairMax(row, py + oh * wo, wo);
                }
            }
            else
            {
                for (int oh = 0; oh < ho; oh++)
                {
                    for (int ow = 0; ow < wo; ow++)
                    {
                        float max = float.NegativeInfinity;
                        for (int i = 0; i < size; i++)
                            for (int j = 0; j < size; j++)
                            {
                                int at = (oh * size + i) * wi + ow * size + j;
                                max = MathF.Max(max, pz[at] - pc[at]);
                            }
                        py[oh * wo + ow] = max;
                    }
                }
            }
        }
        if (rectify) TensorPrimitives.Max(y, 0f, y);
    }

    // r[j] = max(a[j] − ca[j], b[j] − cb[j]) for j < n (n ≥ 8)
    private static unsafe void DifferenceMax(float* a, float* ca, float* b, float* cb, float* r, int n)
    {
        int j = 0;
        for (; j <= n - 8; j += 8)
            Vector256.Store(Vector256.Max(Vector256.Load(a + j) - Vector256.Load(ca + j), Vector256.Load(b + j) - Vector256.Load(cb + j)), r + j);
        if (j < n)
        {
            j = n - 8;
            Vector256.Store(Vector256.Max(Vector256.Load(a + j) - Vector256.Load(ca + j), Vector256.Load(b + j) - Vector256.Load(cb + j)), r + j);
        }
    }

    // 2 × 2 windows: row pairs' maxima overwrite the plane's first Ho rows, then neighbours pair up.
    private unsafe void Pairs(float[] x, int plane, float[] y)
    {
        int wi = Input.Width, ho = Output.Height;
        fixed (float* xp = x, yp = y)
        {
            float* input = xp + (long)plane * Input.Plane;
            for (int oh = 0; oh < ho; oh++) RowMax(input + 2 * oh * wi, input + (2 * oh + 1) * wi, input + oh * wi, wi);
            PairMax(input, yp + (long)plane * Output.Plane, ho * Output.Width);
        }
    }

    // c[j] = max(a[j], b[j]) for j < n (n ≥ 8); c may alias a (the overlapping last vector rewrites equal values).
    private static unsafe void RowMax(float* a, float* b, float* c, int n)
    {
        int j = 0;
        for (; j <= n - 8; j += 8) Vector256.Store(Vector256.Max(Vector256.Load(a + j), Vector256.Load(b + j)), c + j);
        if (j < n)
        {
            j = n - 8;
            Vector256.Store(Vector256.Max(Vector256.Load(a + j), Vector256.Load(b + j)), c + j);
        }
    }

    // y[t] = max(x[2t], x[2t + 1]) for t < n
    private static unsafe void PairMax(float* x, float* y, int n)
    {
        int t = 0;
        for (; t <= n - 8; t += 8)
        {
            var a = Avx.LoadVector256(x + 2 * t);
            var b = Avx.LoadVector256(x + 2 * t + 8);
            // per 128-bit lane: evens (a0 a2 b0 b2), odds (a1 a3 b1 b3) → pairs 0 1 4 5 | 2 3 6 7
            var max = Vector256.Max(Avx.Shuffle(a, b, 0b10_00_10_00), Avx.Shuffle(a, b, 0b11_01_11_01));
            Avx.Store(y + t, Avx2.Permute4x64(max.AsDouble(), 0b11_01_10_00).AsSingle());
        }
        for (; t < n; t++) y[t] = MathF.Max(x[2 * t], x[2 * t + 1]);
    }

    private void General(float[] x, int plane, float[] y)
    {
        int wi = Input.Width, ho = Output.Height, wo = Output.Width;
        var input = x.AsSpan(plane * Input.Plane, Input.Plane);
        var output = y.AsSpan(plane * Output.Plane, Output.Plane);
        for (int oh = 0; oh < ho; oh++)
        {
            for (int ow = 0; ow < wo; ow++)
            {
                float max = float.NegativeInfinity;
                for (int i = 0; i < size; i++)
                    max = MathF.Max(max, TensorPrimitives.Max(input.Slice((oh * size + i) * wi + ow * size, size)));
                output[oh * wo + ow] = max;
            }
        }
    }
}
