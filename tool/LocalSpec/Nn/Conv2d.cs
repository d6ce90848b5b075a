using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using LocalSpec.Numerics;

namespace LocalSpec.Nn;

/// <summary>
/// 2-D convolution (cross-correlation, like PyTorch), stride 1, square odd kernel R, zero padding
/// "same" ((R − 1)/2 per side) or "valid", with bias. Computed as im2col + one GEMM per chunk of
/// examples; <see cref="Conv2dReference"/> is the direct-loop oracle.
/// Vocabulary: C in-channels, K filters, P = Ho·Wo output positions, CRR = C·R·R, B examples per chunk.
/// </summary>
public sealed class Conv2d : Layer
{
    private readonly int _c, _h, _w, _k, _r, _pad, _ho, _wo, _p, _crr;

    internal Conv2d(int index, int parameterIndex, Conv2dSpec spec, int[] inputShape, int[] outputShape, ParameterStore store)
        : base(index, parameterIndex, spec, inputShape, outputShape)
    {
        (_c, _h, _w) = (inputShape[0], inputShape[1], inputShape[2]);
        (_k, _r) = (spec.Filters, spec.Kernel);
        _pad = spec.Padding == Padding.Same ? (_r - 1) / 2 : 0;
        (_ho, _wo) = (outputShape[1], outputShape[2]);
        _p = _ho * _wo;
        _crr = _c * _r * _r;
        Weight = store[$"layers.{parameterIndex}.weight"];
        Bias = store[$"layers.{parameterIndex}.bias"];
    }

    /// <summary>W [K, C, R, R].</summary>
    public ParameterView Weight { get; }

    /// <summary>b [K].</summary>
    public ParameterView Bias { get; }

    /// <summary>Zero padding on each side.</summary>
    public int Pad => _pad;

    /// <summary>Examples per chunk so that the col [CRR, B·P] and out [K, B·P] buffers stay within the budget.</summary>
    private int ChunkSize(PassContext ctx, int n) =>
        Math.Clamp(ctx.ConvChunkElements / (Math.Max(_crr, _k) * _p), 1, n);

    // x [N, C, H, W], W [K, CRR], b [K] → y [N, K, Ho, Wo]
    internal override void Forward(PassContext ctx, float[] x, float[] y, int n, LayerState? state)
    {
        int chunk = ChunkSize(ctx, n);
        float[] col = ctx.Pool.Floats(_crr * chunk * _p);
        float[] output = ctx.Pool.Floats(_k * chunk * _p);
        var weight = ctx.Parameters.AsSpan(Weight.Offset, Weight.Length);
        for (int n0 = 0; n0 < n; n0 += chunk)
        {
            int b = Math.Min(chunk, n - n0), bp = b * _p;
            Im2Col(x, n0, b, col);
            // out [K, B·P] = W [K, CRR] · col [CRR, B·P]
            Blas.Current.Sgemm(Transpose.No, Transpose.No, _k, bp, _crr, 1f, weight, _crr, col.AsSpan(0, _crr * bp), bp, 0f, output, bp);
            // y [n0 + i, k, P] = out [k, i·P .. (i + 1)·P] + b[k]
            var p = ctx.Parameters;
            Parallelism.For(b * _k, _p, ik =>
            {
                int i = ik / _k, k = ik % _k;
                TensorPrimitives.Add(output.AsSpan(k * bp + i * _p, _p), p[Bias.Offset + k], y.AsSpan(((n0 + i) * _k + k) * _p, _p));
            });
        }
        ctx.Pool.Return(col);
        ctx.Pool.Return(output);
    }

    // dy [N, K, Ho, Wo] → dx [N, C, H, W]; dW [K, CRR] += dout · colᵀ; db [K] += Σ dy
    internal override void Backward(PassContext ctx, float[] x, float[] dy, float[]? dx, int n, LayerState? state)
    {
        var dp = ctx.DParams;
        if (dp is null && dx is null) return;
        int chunk = ChunkSize(ctx, n);
        float[] col = ctx.Pool.Floats(_crr * chunk * _p);
        float[] dOut = ctx.Pool.Floats(_k * chunk * _p);
        var weight = ctx.Parameters.AsSpan(Weight.Offset, Weight.Length);
        for (int n0 = 0; n0 < n; n0 += chunk)
        {
            int b = Math.Min(chunk, n - n0), bp = b * _p;
            // dout [K, B·P] ← dy [n0.., K, P]
            Parallelism.For(b * _k, _p, ik =>
            {
                int i = ik / _k, k = ik % _k;
                dy.AsSpan(((n0 + i) * _k + k) * _p, _p).CopyTo(dOut.AsSpan(k * bp + i * _p, _p));
            });
            if (dp is not null)
            {
                for (int k = 0; k < _k; k++) dp[Bias.Offset + k] += TensorPrimitives.Sum(dOut.AsSpan(k * bp, bp));
                Im2Col(x, n0, b, col);
                // dW [K, CRR] += dout [K, B·P] · colᵀ [B·P, CRR]
                Blas.Current.Sgemm(Transpose.No, Transpose.Yes, _k, _crr, bp, 1f, dOut.AsSpan(0, _k * bp), bp,
                    col.AsSpan(0, _crr * bp), bp, 1f, dp.AsSpan(Weight.Offset, Weight.Length), _crr);
            }
            if (dx is not null)
            {
                // dcol [CRR, B·P] = Wᵀ [CRR, K] · dout [K, B·P]   (reuses the col buffer)
                Blas.Current.Sgemm(Transpose.Yes, Transpose.No, _crr, bp, _k, 1f, weight, _crr,
                    dOut.AsSpan(0, _k * bp), bp, 0f, col.AsSpan(0, _crr * bp), bp);
                Col2Im(col, n0, b, dx);
            }
        }
        ctx.Pool.Return(col);
        ctx.Pool.Return(dOut);
    }

    /// <summary>Floats of one example's im2col matrix [CRR, P] (the col buffer of <see cref="ForwardChannels"/>).</summary>
    internal int ColumnLength => _crr * _p;

    /// <summary>Floats of one filter [C·R·R].</summary>
    internal int FilterLength => _crr;

    /// <summary>
    /// The output of filters <paramref name="channels"/> alone for example <paramref name="n"/> of
    /// x [N, C, H, W]: z [|channels|, P] in the order given, what <see cref="Forward"/> computes for
    /// them (up to float rounding of the smaller product). col [CRR·P] receives the example's im2col
    /// and weights [|channels|·CRR] the gathered filters; <see cref="BackwardChannels"/> reuses both.
    /// Feature visualisation needs only a few channels of its target layer, so this costs
    /// |channels|/K of the whole layer.
    /// </summary>
    internal void ForwardChannels(ReadOnlySpan<float> parameters, float[] x, int n, IReadOnlyList<int> channels, float[] col, float[] weights, float[] z)
    {
        int s = channels.Count;
        Im2Col(x, n, 1, col);
        for (int i = 0; i < s; i++)
            parameters.Slice(Weight.Offset + channels[i] * _crr, _crr).CopyTo(weights.AsSpan(i * _crr, _crr));
        // z [s, P] = W[channels] [s, CRR] · col [CRR, P]
        Blas.Current.Sgemm(Transpose.No, Transpose.No, s, _p, _crr, 1f, weights.AsSpan(0, s * _crr), _crr, col.AsSpan(0, _crr * _p), _p, 0f, z, _p);
        for (int i = 0; i < s; i++) TensorPrimitives.Add(z.AsSpan(i * _p, _p), parameters[Bias.Offset + channels[i]], z.AsSpan(i * _p, _p));
    }

    /// <summary>
    /// The input gradient of example <paramref name="n"/> from dz [s, P] on the filters that
    /// <see cref="ForwardChannels"/> gathered into <paramref name="weights"/>: dx[n] = col2im(W[channels]ᵀ · dz)
    /// (overwritten; the other examples of dx are untouched). dcol [CRR·P] is scratch.
    /// </summary>
    internal void BackwardChannels(int n, int s, float[] weights, float[] dz, float[] dcol, float[] dx)
    {
        // dcol [CRR, P] = W[channels]ᵀ [CRR, s] · dz [s, P]
        Blas.Current.Sgemm(Transpose.Yes, Transpose.No, _crr, _p, s, 1f, weights.AsSpan(0, s * _crr), _crr, dz.AsSpan(0, s * _p), _p, 0f, dcol, _p);
        Col2Im(dcol, n, 1, dx);
    }

    /// <summary>col [CRR, B·P]: row (c, ki, kj), column i·P + oh·Wo + ow holds x[n0 + i, c, oh + ki − pad, ow + kj − pad] (0 outside).</summary>
    private unsafe void Im2Col(float[] x, int n0, int b, float[] col)
    {
        int bp = b * _p;
        Parallelism.For(b * _c, _r * _r * _p, ic =>
        {
            int i = ic / _c, c = ic % _c;
            fixed (float* xp = x, cp = col)
            {
                float* plane = xp + ((n0 + i) * _c + c) * _h * _w;
                for (int ki = 0; ki < _r; ki++)
                {
                    for (int kj = 0; kj < _r; kj++)
                    {
                        float* dst = cp + ((c * _r + ki) * _r + kj) * bp + i * _p;
                        var (lo, hi) = ColumnRange(kj);
                        for (int oh = 0; oh < _ho; oh++, dst += _wo)
                        {
                            int ih = oh + ki - _pad;
                            if (ih < 0 || ih >= _h || lo >= hi)
                            {
                                new Span<float>(dst, _wo).Clear();
                                continue;
                            }
                            for (int j = 0; j < lo; j++) dst[j] = 0f;
                            Copy(plane + ih * _w + lo + kj - _pad, dst + lo, hi - lo);
                            for (int j = hi; j < _wo; j++) dst[j] = 0f;
                        }
                    }
                }
            }
        });
    }

    /// <summary>dx[n0 + i, c] = Σ over (ki, kj, oh) of the matching dcol rows (the adjoint of <see cref="Im2Col"/>).</summary>
    private unsafe void Col2Im(float[] dcol, int n0, int b, float[] dx)
    {
        int bp = b * _p;
        Parallelism.For(b * _c, _r * _r * _p, ic =>
        {
            int i = ic / _c, c = ic % _c;
            fixed (float* dxp = dx, dp = dcol)
            {
                float* plane = dxp + ((n0 + i) * _c + c) * _h * _w;
                new Span<float>(plane, _h * _w).Clear();
                for (int ki = 0; ki < _r; ki++)
                {
                    for (int kj = 0; kj < _r; kj++)
                    {
                        float* src = dp + ((c * _r + ki) * _r + kj) * bp + i * _p;
                        var (lo, hi) = ColumnRange(kj);
                        if (lo >= hi) continue;
                        for (int oh = 0; oh < _ho; oh++)
                        {
                            int ih = oh + ki - _pad;
                            if (ih >= 0 && ih < _h) Accumulate(src + oh * _wo + lo, plane + ih * _w + lo + kj - _pad, hi - lo);
                        }
                    }
                }
            }
        });
    }

    // Short rows (a feature-map width) make call overhead matter more than vector width here.
    private static unsafe void Copy(float* source, float* destination, int count)
    {
        int j = 0;
        if (Vector256.IsHardwareAccelerated && count >= Vector256<float>.Count)
        {
            for (; j <= count - Vector256<float>.Count; j += Vector256<float>.Count)
                Vector256.Store(Vector256.Load(source + j), destination + j);
            if (j < count)
            {
                j = count - Vector256<float>.Count; // overlapping last vector: rewrites identical values
                Vector256.Store(Vector256.Load(source + j), destination + j);
            }
            return;
        }
        for (; j < count; j++) destination[j] = source[j];
    }

    private static unsafe void Accumulate(float* source, float* destination, int count)
    {
        int j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; j <= count - Vector256<float>.Count; j += Vector256<float>.Count)
                Vector256.Store(Vector256.Load(destination + j) + Vector256.Load(source + j), destination + j);
        }
        for (; j < count; j++) destination[j] += source[j];
    }

    /// <summary>Output columns [lo, hi) whose input column ow + kj − pad lies inside [0, W).</summary>
    private (int Lo, int Hi) ColumnRange(int kj) =>
        (Math.Max(0, _pad - kj), Math.Min(_wo, _w + _pad - kj));
}
