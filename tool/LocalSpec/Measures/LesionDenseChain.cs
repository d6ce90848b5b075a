using LocalSpec.Nn;
using Tensor = LocalSpec.Nn.Tensor;

namespace LocalSpec.Measures;

/// <summary>
/// The fast path for a site followed by dense layers only: masked module → [flatten] → dense →
/// (relu → dense)* → logits, dropout anywhere (identity in eval). Works on changes: for one test
/// example and all its lesions at once, with the intact pre-activations z_t and h_t = max(z_t, 0) of
/// every later layer cached,
/// <code>
///   z'_e = z_e − A[F(c)] · W_e[:, F(c)]ᵀ                 entry: only the lesioned features F(c)
///   d_t  = max(z'_t, 0) − h_t                            zero wherever the unit is off in both networks
///   z'_t+1 = z_t+1 + d_t · W_t+1ᵀ
/// </code>
/// d_t is nonzero only on the example's intact active units (shared by all its lesions, so the
/// product is one dense GEMM over those columns, <see cref="LesionKernels.GatherProduct"/>) plus the
/// few units a lesion switched on (added row by row). The logits z'_L decide the prediction unless
/// they are a near-tie or not finite (<see cref="LesionDecision"/>); such rows, and every row of an
/// example whose intact activations are not finite, are recomputed the naive way.
/// </summary>
internal sealed unsafe class LesionDenseChain : ILesionPredictor
{
    private readonly LesionEngine _engine;
    private readonly LesionSite _site;
    private readonly int[] _modules;        // the dense modules, entry first, logits last
    private readonly int[] _in, _out, _width; // width = out padded to a multiple of 32
    private readonly float[][] _weightT;    // per dense: Wᵀ [in, width], padded with zeros
    private readonly int _features, _maxWidth;

    private LesionDenseChain(LesionEngine engine, LesionSite site, Dense[] dense)
    {
        _engine = engine;
        _site = site;
        _modules = [.. dense.Select(d => d.Index)];
        _in = [.. dense.Select(d => d.InputLength)];
        _out = [.. dense.Select(d => d.OutputLength)];
        _width = [.. _out.Select(o => RoundUp(o, LesionKernels.WidthMultiple))];
        _maxWidth = _width.Max();
        _features = dense[0].InputLength;
        var parameters = engine.Network.Parameters.Data;
        _weightT = new float[dense.Length][];
        for (int t = 0; t < dense.Length; t++)
        {
            var w = parameters.AsSpan(dense[t].Weight.Offset, dense[t].Weight.Length);
            var wt = new float[_in[t] * _width[t]];
            for (int o = 0; o < _out[t]; o++)
                for (int i = 0; i < _in[t]; i++) wt[i * _width[t] + o] = w[o * _in[t] + i];
            _weightT[t] = wt;
        }
    }

    /// <summary>The chain for <paramref name="site"/>, or null when the modules after its mask are not a dense chain.</summary>
    public static LesionDenseChain? TryCreate(LesionEngine engine, LesionSite site)
    {
        if (!site.HasFastPath) return null;
        var modules = engine.Network.Layers;
        var dense = new List<Dense>();
        bool expectDense = true;
        for (int m = site.MaskModule + 1; m < modules.Count; m++)
        {
            switch (modules[m])
            {
                case Dropout:
                    continue;
                case Flatten when dense.Count == 0:
                    continue;
                case Dense d when expectDense:
                    dense.Add(d);
                    expectDense = false;
                    continue;
                case Relu when !expectDense:
                    expectDense = true;
                    continue;
                default:
                    return null;
            }
        }
        if (dense.Count == 0 || expectDense || dense[0].Index != site.NextModule) return null;
        return new LesionDenseChain(engine, site, [.. dense]);
    }

    public void Predict(IReadOnlyList<int[]> sets, int[][] predictions, int[] recomputed)
    {
        int count = _engine.Test.Count, budget = _engine.Options.WorkingSetFloats;
        int perExample = _features + _out.Sum();
        int chunk = Math.Clamp(8 * budget / perExample, 1, count);
        int group = Math.Clamp(budget / 8 / _maxWidth / LesionKernels.RowMultiple * LesionKernels.RowMultiple,
            LesionKernels.RowMultiple, RoundUp(sets.Count, LesionKernels.RowMultiple));
        int[][] features = [.. sets.Select(Features)];
        var cache = new Intact(this, chunk);
        var pending = new List<(int Set, int Example)>();
        var gate = new Lock();
        for (int e0 = 0; e0 < count; e0 += chunk)
        {
            int n = Math.Min(chunk, count - e0);
            cache.Load(e0, n);
            Parallel.For(0, n, () => new Work(this, group), (e, _, work) =>
            {
                Example(cache, e, e0 + e, features, predictions, work);
                return work;
            }, work =>
            {
                lock (gate) pending.AddRange(work.Pending);
            });
            if (pending.Count == 0) continue;
            var recomputation = new LesionRecomputation(_engine, _site, sets, predictions, recomputed, pending.Count);
            foreach (var (set, example) in pending) recomputation.Add(set, example, cache.A(example - e0));
            recomputation.Flush();
            pending.Clear();
        }
    }

    // F(c): the input features of the entry that the lesioned units feed (unit u → u·S .. u·S + S − 1).
    private int[] Features(int[] units)
    {
        int size = _site.UnitSize;
        var features = new int[units.Length * size];
        for (int i = 0; i < units.Length; i++)
            for (int s = 0; s < size; s++) features[i * size + s] = units[i] * size + s;
        Array.Sort(features);
        return features;
    }

    // All lesions of one example, in groups of work.Rows rows (lesion-major, zero rows pad the last group).
    private void Example(Intact cache, int e, int example, int[][] features, int[][] predictions, Work work)
    {
        if (!cache.Finite(e))
        {
            for (int set = 0; set < features.Length; set++) work.Pending.Add((set, example));
            return;
        }
        int layers = _modules.Length, classes = _engine.Classes;
        float intactScale = _engine.BaselineScale[example];
        double tolerance = _engine.Options.TieTolerance;
        var a = cache.A(e);
        for (int t = 0; t < layers; t++) cache.Pad(e, t, work.Z[t], work.H[t]);
        int stride = _maxWidth;
        fixed (float* pa = a, pd = work.D, pc = work.C)
        fixed (int* pExtras = work.Extras, pCounts = work.Counts, pActive = work.Active)
        {
            for (int s0 = 0; s0 < features.Length; s0 += work.Rows)
            {
                int g = Math.Min(work.Rows, features.Length - s0);
                fixed (float* z0 = work.Z[0])
                {
                    // entry: z'_e = z_e − A[F(c)] · W_e[:, F(c)]ᵀ
                    fixed (float* w0 = _weightT[0])
                    {
                        for (int l = 0; l < g; l++)
                        {
                            float* row = pc + (nint)l * stride;
                            new ReadOnlySpan<float>(z0, _width[0]).CopyTo(new Span<float>(row, _width[0]));
                            fixed (int* f = features[s0 + l])
                                LesionKernels.Accumulate(row, _width[0], pa, f, features[s0 + l].Length, -1f, w0, _width[0]);
                        }
                    }
                }
                for (int t = 0; ; t++)
                {
                    if (t == layers - 1)
                    {
                        // pc holds the logits
                        for (int l = 0; l < g; l++)
                        {
                            int best = LesionDecision.Decide(new ReadOnlySpan<float>(pc + (nint)l * stride, classes), intactScale, tolerance);
                            if (best >= 0) predictions[s0 + l][example] = best;
                            else work.Pending.Add((s0 + l, example));
                        }
                        break;
                    }
                    // d_t = max(z'_t, 0) − h_t; pc holds z'_t − z_t until Rectify adds z_t (the entry row already holds z'_t)
                    fixed (float* zt = work.Z[t], ht = work.H[t], zero = work.Zero)
                    {
                        for (int l = 0; l < g; l++)
                        {
                            float* row = pc + (nint)l * stride;
                            pCounts[l] = LesionKernels.Rectify(row, t == 0 ? zero : zt, ht, pd + (nint)l * stride, _width[t], pExtras + (nint)l * stride);
                        }
                    }
                    // z'_t+1 − z_t+1 = d_t · W_t+1ᵀ over the intact active units of h_t, plus each row's switched-on units
                    var h = work.H[t];
                    int active = 0;
                    for (int u = 0; u < _out[t]; u++) if (h[u] > 0f) pActive[active++] = u;
                    int rows = RoundUp(g, LesionKernels.RowMultiple);
                    fixed (float* w = _weightT[t + 1])
                    {
                        LesionKernels.GatherProduct(rows, _width[t + 1], active, pd, stride, pActive, w, _width[t + 1], pc, stride);
                        for (int l = 0; l < g; l++)
                        {
                            if (pCounts[l] > 0)
                                LesionKernels.Accumulate(pc + (nint)l * stride, _width[t + 1], pd + (nint)l * stride, pExtras + (nint)l * stride, pCounts[l], 1f, w, _width[t + 1]);
                        }
                    }
                    if (t + 1 == layers - 1)
                    {
                        fixed (float* zl = work.Z[t + 1])
                            for (int l = 0; l < g; l++) LesionKernels.Add(pc + (nint)l * stride, zl, pc + (nint)l * stride, _width[t + 1]);
                    }
                }
            }
        }
    }

    private static int RoundUp(int x, int m) => (x + m - 1) / m * m;

    /// <summary>One intact forward pass over a chunk of examples: the masked module's output A and every chain layer's z.</summary>
    private sealed class Intact
    {
        private readonly LesionDenseChain _chain;
        private readonly float[] _a;
        private readonly float[][] _z;
        private readonly bool[] _finite;

        public Intact(LesionDenseChain chain, int chunk)
        {
            _chain = chain;
            _a = new float[chunk * chain._features];
            _z = [.. chain._out.Select(o => new float[chunk * o])];
            _finite = new bool[chunk];
        }

        public void Load(int e0, int n)
        {
            var engine = _chain._engine;
            var test = engine.Test;
            var network = engine.Network;
            var x = new Tensor(test.Pixels.AsSpan(e0 * test.ExampleSize, n * test.ExampleSize).ToArray(), [n, .. network.InputShape]);
            int mask = _chain._site.MaskModule, features = _chain._features;
            var modules = _chain._modules;
            network.Forward(x, new ForwardOptions
            {
                Capture = (m, t) =>
                {
                    if (m == mask) t.Data.AsSpan(0, n * features).CopyTo(_a);
                    int i = Array.IndexOf(modules, m);
                    if (i >= 0) t.Data.AsSpan(0, n * _chain._out[i]).CopyTo(_z[i]);
                },
            });
            for (int e = 0; e < n; e++)
            {
                bool finite = System.Numerics.Tensors.TensorPrimitives.IsFiniteAll<float>(A(e));
                for (int i = 0; i < _z.Length && finite; i++)
                    finite = System.Numerics.Tensors.TensorPrimitives.IsFiniteAll<float>(_z[i].AsSpan(e * _chain._out[i], _chain._out[i]));
                _finite[e] = finite;
            }
        }

        public ReadOnlySpan<float> A(int e) => _a.AsSpan(e * _chain._features, _chain._features);

        public bool Finite(int e) => _finite[e];

        // z_t and h_t = max(z_t, 0) of example e, zero-padded to the layer's width
        public void Pad(int e, int t, float[] z, float[] h)
        {
            int o = _chain._out[t];
            _z[t].AsSpan(e * o, o).CopyTo(z);
            for (int u = 0; u < o; u++) h[u] = MathF.Max(z[u], 0f);
        }
    }

    /// <summary>One worker's buffers: rows × the widest layer for d and for z' (lesion-major rows).</summary>
    private sealed class Work
    {
        public Work(LesionDenseChain chain, int rows)
        {
            Rows = rows;
            int size = RoundUp(rows, LesionKernels.RowMultiple) * chain._maxWidth;
            D = new float[size];
            C = new float[size];
            Extras = new int[size];
            Counts = new int[rows];
            Active = new int[chain._maxWidth];
            Z = [.. chain._width.Select(w => new float[w])];
            H = [.. chain._width.Select(w => new float[w])];
            Zero = new float[chain._maxWidth];
        }

        public int Rows { get; }
        public float[] D { get; }
        public float[] C { get; }
        public int[] Extras { get; }
        public int[] Counts { get; }
        public int[] Active { get; }
        public float[][] Z { get; }
        public float[][] H { get; }
        public float[] Zero { get; }
        public List<(int Set, int Example)> Pending { get; } = [];
    }
}
