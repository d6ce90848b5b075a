using LocalSpec.Nn;

namespace LocalSpec.Measures;

/// <summary>
/// Next layer conv2d: lesioning channels c of its input removes their kernels' contribution, so
/// z' [K, n, P] = z − conv(A[:, c], W[:, c]) — im2col of the lesioned channels only and a GEMM whose
/// inner dimension is |c|·R·R instead of C·R·R. Planar, cropped to the Hn × Wn block the plan needs.
/// When the plan's next step is a max-pool (with or without the ReLU before it), the entry fuses it:
/// the correction goes to scratch and the pool reads z − correction directly, so the lesioned
/// pre-activations are never written out (<see cref="LesionPoolStep.PoolDifference"/>).
/// </summary>
internal sealed class LesionConvEntry : LesionEntry
{
    private readonly float[] _weight;
    private readonly int _c, _h, _w, _k, _kernel, _pad, _ho, _wo;
    private readonly LesionShape _conv;
    private readonly LesionPoolStep? _pool;

    public LesionConvEntry(Conv2d layer, float[] parameters, (int Height, int Width) output, LesionPoolStep? pool = null)
        : base(pool?.Output ?? new LesionShape(layer.Units, output.Height, output.Width, true))
    {
        _weight = parameters.AsSpan(layer.Weight.Offset, layer.Weight.Length).ToArray();
        (_c, _h, _w) = (layer.InputShape[0], layer.InputShape[1], layer.InputShape[2]);
        (_k, _kernel, _pad) = (layer.Units, ((Conv2dSpec)layer.Spec).Kernel, layer.Pad);
        (_ho, _wo) = (layer.OutputShape[1], layer.OutputShape[2]);
        _conv = new LesionShape(layer.Units, output.Height, output.Width, true);
        _pool = pool;
    }

    /// <summary>The convolution's cropped output per example (what is cached).</summary>
    public override int CacheLength => _conv.Length;

    /// <summary>Whether the following max-pool is fused in.</summary>
    public bool PoolFused => _pool is not null;

    private int Crr => _c * _kernel * _kernel;

    /// <summary>W[:, c] [K, |c|·R·R] and one example's im2col [|c|·R·R, P], with |c| ≤ C, and when pooling one correction [K, P].</summary>
    public override int MinimumScratch => Crr * (_k + _conv.Plane) + (_pool is null ? 0 : _k * _conv.Plane);

    /// <summary>Pooled: batches of many lesions on few examples (each example's z is reused by all its lesions).</summary>
    public override int LesionsPerBatch => _pool is null ? base.LesionsPerBatch : 64;

    // z [n, K, Ho, Wo] → cache [K, n, Hn, Wn]
    public override void Load(ReadOnlySpan<float> z, int n, float[] cache)
    {
        int hn = _conv.Height, wn = _conv.Width, p = _conv.Plane;
        for (int e = 0; e < n; e++)
            for (int k = 0; k < _k; k++)
                for (int oh = 0; oh < hn; oh++)
                    z.Slice(((e * _k + k) * _ho + oh) * _wo, wn).CopyTo(cache.AsSpan((k * n + e) * p + oh * wn, wn));
    }

    public override void Fill(float[] cache, float[] a, int n, int e0, int count, IReadOnlyList<int[]> lesions, float[] y, float[] scratch, LesionCompute compute)
    {
        if (_pool is null)
        {
            Subtract(cache, a, n, e0, count, lesions, y, scratch, compute);
            return;
        }
        // Example by example, every lesion: the example's cached z and one correction stay in L2 while the lesions pass.
        int g = lesions.Count, p = _conv.Plane, rows = g * count, po = Output.Plane, rr = _kernel * _kernel;
        int col = _k * lesions.Max(c => c.Length) * rr, correction = col + lesions.Max(c => c.Length) * rr * p;
        for (int e = 0; e < count; e++)
        {
            for (int l = 0; l < g; l++)
            {
                int[] channels = lesions[l];
                int inner = channels.Length * rr;
                // im2col of example e0 + e's lesioned channels [|c|RR, P]; correction [K, P] = W[:, c] [K, |c|RR] · col
                LesionIm2Col.GatherKernels(_weight, _k, _c, _kernel, channels, scratch.AsSpan(0, _k * inner));
                LesionIm2Col.Fill(a, _h * _w, _c * _h * _w, _h, _w, channels, _kernel, _pad, _conv.Height, _conv.Width, e0 + e, 1, scratch, col, compute);
                compute.Product(_k, p, inner, 1f, scratch.AsSpan(0, _k * inner), Math.Max(inner, 1), scratch.AsSpan(col, inner * p), p,
                    false, scratch.AsSpan(correction, _k * p), p);
                // y[k, l·count + e] = pool(z − correction)
                int row = l * count + e;
                compute.For(_k, _pool.Input.Plane, k =>
                    _pool.PoolDifference(cache.AsSpan((k * n + e0 + e) * p, p), scratch.AsSpan(correction + k * p, p), y.AsSpan((k * rows + row) * po, po)));
            }
        }
    }

    // y = z − correction: the cached z replicated per lesion, then the lesioned channels' kernels subtracted
    private void Subtract(float[] cache, float[] a, int n, int e0, int count, IReadOnlyList<int[]> lesions, float[] y, float[] scratch, LesionCompute compute)
    {
        int g = lesions.Count, p = _conv.Plane, rows = g * count;
        Replicate(cache, n, e0, count, g, y, compute);
        for (int l = 0; l < g; l++)
        {
            int[] channels = lesions[l];
            if (channels.Length == 0) continue;
            int inner = channels.Length * _kernel * _kernel;
            var wC = scratch.AsSpan(0, _k * inner);
            LesionIm2Col.GatherKernels(_weight, _k, _c, _kernel, channels, wC);
            int offset = _k * inner, chunk = Math.Clamp((scratch.Length - offset) / (inner * p), 1, count);
            for (int s0 = 0; s0 < count; s0 += chunk)
            {
                int b = Math.Min(chunk, count - s0);
                // im2col of A [n, C, H, W] (engine layout), lesioned channels, examples e0 + s0.. → [|c|RR, b·P] after the kernels
                LesionIm2Col.Fill(a, _h * _w, _c * _h * _w, _h, _w, channels, _kernel, _pad, _conv.Height, _conv.Width, e0 + s0, b, scratch, offset, compute);
                // z'_l [K, s0.., b·P] (row stride g·count·P) −= W[:, c] [K, |c|RR] · col [|c|RR, b·P]
                int start = (l * count + s0) * p;
                compute.Product(_k, b * p, inner, -1f, wC, inner, scratch.AsSpan(offset, inner * b * p), b * p, true, y.AsSpan(start, (_k - 1) * rows * p + b * p), rows * p);
            }
        }
    }

    // y [K, g·count, P]: lesion l's rows of channel k = the cache's rows e0.. of channel k
    private void Replicate(float[] cache, int n, int e0, int count, int g, float[] y, LesionCompute compute)
    {
        int p = _conv.Plane, span = count * p;
        compute.For(_k, g * span, k =>
        {
            var source = cache.AsSpan((k * n + e0) * p, span);
            for (int l = 0; l < g; l++) source.CopyTo(y.AsSpan((k * g + l) * span, span));
        });
    }
}
