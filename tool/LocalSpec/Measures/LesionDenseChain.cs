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
    /// <summary>Examples per block: one row tile of the entry's products.</summary>
    private const int Block = LesionKernels.RowMultiple;

    private readonly LesionEngine _engine;
    private readonly LesionSite _site;
    private readonly int[] _modules;        // the dense modules, entry first, logits last
    private readonly int[] _in, _out, _width; // width = out padded to a multiple of 32
    private readonly float[][] _weightT;    // per dense: Wᵀ [in, width], padded with zeros
    private readonly int _features, _maxWidth;
    private readonly float[]? _product;     // P = W_0ᵀ · W_1ᵀ [features, width_1] for the complement form
    private readonly Lazy<Intact?> _whole;  // the whole test set's intact values, when they fit the budget
    private readonly IdleBuffers<Work> _idle = new();

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
        _whole = new(() =>
        {
            int count = engine.Test.Count;
            if ((long)count * (_features + _out.Sum()) > 8L * engine.Options.WorkingSetFloats) return null;
            var whole = new Intact(this, count);
            whole.Load(0, count);
            return whole;
        }, LazyThreadSafetyMode.ExecutionAndPublication);
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
        if (dense.Length < 2) return;
        _product = new float[_features * _width[1]];
        fixed (float* w0 = _weightT[0], w1 = _weightT[1], p = _product)
            LesionKernels.Product(_features, _width[1], _out[0], 1f, w0, _width[0], w1, _width[1], false, p, _width[1]);
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
        int chunk = RoundUp(Math.Clamp(8 * budget / perExample, 1, count), Block);
        int group = Math.Clamp(budget / (4 * Block * _maxWidth) / LesionKernels.RowMultiple * LesionKernels.RowMultiple,
            LesionKernels.RowMultiple, RoundUp(sets.Count, LesionKernels.RowMultiple));
        int[][] features = [.. sets.Select(Features)];
        double meanFeatures = features.Average(f => f.Length);
        var whole = _whole.Value;
        var cache = whole ?? new Intact(this, chunk);
        if (whole is not null) chunk = count;
        var pending = new List<(int Set, int Example)>();
        var gate = new Lock();
        for (int e0 = 0; e0 < count; e0 += chunk)
        {
            int n = Math.Min(chunk, count - e0);
            if (whole is null) cache.Load(e0, n);
            var options = new ParallelOptions { MaxDegreeOfParallelism = _engine.Options.Workers };
            Parallel.For(0, (n + Block - 1) / Block, options, () => _idle.Take(w => w.Rows == group, () => new Work(this, group)), (b, _, work) =>
            {
                Run(cache, b * Block, Math.Min(Block, n - b * Block), e0, features, meanFeatures, predictions, work);
                return work;
            }, work =>
            {
                lock (gate) pending.AddRange(work.Pending);
                work.Pending.Clear();
                _idle.Return(work);
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

    /// <summary>
    /// Examples first .. first + m − 1 of the chunk (m ≤ 12) with every lesion, in groups of work.Rows
    /// lesions. Lesion l of example e is row e·Pitch + l·stride of D and C (each example's rows
    /// contiguous, examples a few cache lines off a multiple of 4 KiB): the entry's products run over
    /// the 12 examples of one lesion (they share its features) and write 12 rows Pitch apart, the later,
    /// larger ones over the lesions of one example (they share its active units) and read one
    /// contiguous block, which keeps their A rows out of each other's L1 sets (measured alone, such a
    /// product runs at 104 GFLOP/s with rows 12 KiB apart and 188 GFLOP/s with contiguous rows).
    /// <para>
    /// Complement form of the first product after the entry, used when an example has more active
    /// than inactive units: with Δ = A[F]·W_0ᵀ[F, :] the entry's product, d_0 = −Δ + r where r = d_0 + Δ
    /// vanishes on the units active in both networks, so d_0 · W_1ᵀ = −A[F] · P[F, :] + r · W_1ᵀ with
    /// P = W_0ᵀ·W_1ᵀ fixed: a product over |F| plus one over the inactive units. C then holds the
    /// negated change.
    /// </para>
    /// </summary>
    private void Run(Intact cache, int first, int m, int e0, int[][] features, double meanFeatures, int[][] predictions, Work work)
    {
        int layers = _modules.Length, stride = _maxWidth, block = work.Pitch;
        work.Load(cache, first, m);
        // complement form when it multiplies fewer columns: |F| + inactive against active (+ a few switched units either way)
        double activeColumns = 0, complementColumns = 0;
        for (int e = 0; e < m; e++)
        {
            if (!work.Finite[e]) continue;
            activeColumns += work.ActiveCount[0][e];
            complementColumns += meanFeatures + _out[0] - work.ActiveCount[0][e];
        }
        bool complement = _product is not null && complementColumns < 0.9 * activeColumns;
        fixed (float* pa = work.A, pd0 = work.D[0], pd1 = work.D[1], pc = work.C, pp = _product, pz0 = work.Z[0], ph0 = work.H[0])
        fixed (int* px0 = work.Extras[0], px1 = work.Extras[1], pn0 = work.Counts[0], pn1 = work.Counts[1])
        {
            float*[] d = [pd0, pd1];
            int*[] extras = [px0, px1], counts = [pn0, pn1];
            for (int s0 = 0; s0 < features.Length; s0 += work.Rows)
            {
                int g = Math.Min(work.Rows, features.Length - s0), rows = RoundUp(g, LesionKernels.RowMultiple);
                // entry, lesion by lesion over the block's 12 examples: z'_0 = z_0 − A[F(c)] · W_0ᵀ[F(c), :],
                // then the change d_0 (or −r in the complement form), or the logits when the entry is the last layer
                fixed (float* w0 = _weightT[0])
                {
                    for (int l = 0; l < g; l++)
                    {
                        var entry = new LesionEpilogue
                        {
                            Mode = layers == 1 ? LesionEpilogueMode.Logits : complement ? LesionEpilogueMode.Complement : LesionEpilogueMode.Rectify,
                            Sign = -1f, Z = pz0, H = ph0, ZStride = _width[0],
                            Out = d[0] + (nint)l * stride, OutStride = block,
                            ExtrasOut = extras[0] + (nint)l * stride, CountsOut = counts[0] + l, ListStride = block, CountStride = work.Rows,
                            RealRows = Block,
                        };
                        fixed (int* f = features[s0 + l])
                        {
                            LesionFusedProduct.Run(Block, _width[0], features[s0 + l].Length, pa, _features, f, w0, _width[0], pc + (nint)l * stride, block, false, entry);
                            // complement: C[l, e] = A[e, F(c_l)] · P[F(c_l), :], onto which the next product adds −r · W_1ᵀ
                            if (complement && layers > 1)
                                LesionKernels.GatherProduct(Block, _width[1], features[s0 + l].Length, pa, _features, f, pp, _width[1], pc + (nint)l * stride, block);
                        }
                    }
                }
                int current = 0;
                for (int t = 0; t + 1 < layers; t++)
                {
                    // example by example over its lesions: z'_t+1 − z_t+1 = d_t · W_t+1ᵀ over the example's active units of h_t
                    // plus each row's switched-on units (complement: C holds −(z'_1 − z_1) = A[F]·P[F, :] − r · W_1ᵀ over the
                    // inactive units and the switched-off ones), then d_t+1 or the logits
                    bool rest = complement && t == 0, last = t + 2 == layers;
                    int next = 1 - current;
                    fixed (float* w = _weightT[t + 1], zt = work.Z[t + 1], ht = work.H[t + 1])
                    fixed (int* active = work.Active[t], inactive = work.Inactive)
                    {
                        for (int e = 0; e < m; e++)
                        {
                            if (!work.Finite[e]) continue;
                            var epilogue = new LesionEpilogue
                            {
                                Mode = last ? LesionEpilogueMode.Logits : LesionEpilogueMode.Rectify,
                                Sign = rest ? -1f : 1f, Z = zt + e * _width[t + 1], H = ht + e * _width[t + 1], ZStride = 0,
                                Out = d[next] + (nint)e * block, OutStride = stride,
                                ExtrasIn = extras[current] + (nint)e * block, CountsIn = counts[current] + e * work.Rows,
                                ExtrasOut = extras[next] + (nint)e * block, CountsOut = counts[next] + e * work.Rows, ListStride = stride, CountStride = 1,
                                RealRows = g,
                            };
                            int* columns = rest ? inactive + e * _out[0] : active + e * _out[t];
                            int count = rest ? _out[0] - work.ActiveCount[0][e] : work.ActiveCount[t][e];
                            LesionFusedProduct.Run(rows, _width[t + 1], count, d[current] + (nint)e * block, stride, columns, w, _width[t + 1],
                                pc + (nint)e * block, stride, rest, epilogue);
                        }
                    }
                    current = next;
                }
                Decide(work, pc, g, s0, first, m, e0, predictions);
            }
        }
        foreach (int e in work.NotFinite)
            for (int set = 0; set < features.Length; set++) work.Pending.Add((set, e0 + first + e));
    }

    // C holds the logits of lesion l of example e at e·Pitch + l·stride.
    private void Decide(Work work, float* pc, int g, int s0, int first, int m, int e0, int[][] predictions)
    {
        int stride = _maxWidth, classes = _engine.Classes;
        double tolerance = _engine.Options.TieTolerance;
        for (int e = 0; e < m; e++)
        {
            if (!work.Finite[e]) continue;
            int example = e0 + first + e;
            float intactScale = _engine.BaselineScale[example];
            for (int l = 0; l < g; l++)
            {
                int best = LesionDecision.Decide(new ReadOnlySpan<float>(pc + (nint)e * work.Pitch + (nint)l * stride, classes), intactScale, tolerance);
                if (best >= 0) predictions[s0 + l][example] = best;
                else work.Pending.Add((s0 + l, example));
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
                for (int i = 0; i < _z.Length && finite; i++) finite = System.Numerics.Tensors.TensorPrimitives.IsFiniteAll<float>(Z(i, e));
                _finite[e] = finite;
            }
        }

        public ReadOnlySpan<float> A(int e) => _a.AsSpan(e * _chain._features, _chain._features);

        public ReadOnlySpan<float> Z(int t, int e) => _z[t].AsSpan(e * _chain._out[t], _chain._out[t]);

        public bool Finite(int e) => _finite[e];
    }

    /// <summary>One worker's buffers for a block of 12 examples and a group of lesions.</summary>
    private sealed class Work
    {
        private readonly LesionDenseChain _chain;

        public Work(LesionDenseChain chain, int rows)
        {
            _chain = chain;
            Rows = rows;
            // one example's rows, plus 16 floats so that the 12 examples' rows do not share L1 sets
            Pitch = rows * chain._maxWidth + 16;
            int size = Block * Pitch;
            A = new float[Block * chain._features];
            D = [new float[size], new float[size]];
            C = new float[size];
            Extras = [new int[size], new int[size]];
            Counts = [new int[rows * Block], new int[rows * Block]];
            Z = [.. chain._width.Select(w => new float[Block * w])];
            H = [.. chain._width.Select(w => new float[Block * w])];
            Active = [.. chain._out.Select(o => new int[Block * o])];
            Inactive = new int[Block * chain._out[0]];
            ActiveCount = [.. chain._out.Select(_ => new int[Block])];
        }

        public int Rows { get; }

        /// <summary>Floats from one example's first row of D, C and the lists to the next example's.</summary>
        public int Pitch { get; }
        public float[] A { get; }
        public float[][] D { get; }
        public float[] C { get; }
        public int[][] Extras { get; }
        public int[][] Counts { get; }
        public float[][] Z { get; }
        public float[][] H { get; }
        public int[][] Active { get; }
        public int[] Inactive { get; }
        public int[][] ActiveCount { get; }
        public bool[] Finite { get; } = new bool[Block];
        public List<int> NotFinite { get; } = [];
        public List<(int Set, int Example)> Pending { get; } = [];

        // A rows (zeros for the block's missing examples), z_t and h_t = max(z_t, 0) padded to the layer widths, active units of h_t.
        public void Load(Intact cache, int first, int m)
        {
            var chain = _chain;
            NotFinite.Clear();
            Array.Clear(A);
            for (int e = 0; e < Block; e++)
            {
                Finite[e] = e < m && cache.Finite(first + e);
                if (e < m && !Finite[e]) NotFinite.Add(e);
                if (!Finite[e]) continue;
                cache.A(first + e).CopyTo(A.AsSpan(e * chain._features));
                for (int t = 0; t < chain._modules.Length; t++)
                {
                    int o = chain._out[t], w = chain._width[t];
                    var z = Z[t].AsSpan(e * w, w);
                    var h = H[t].AsSpan(e * w, w);
                    cache.Z(t, first + e).CopyTo(z);
                    int active = 0, inactive = 0;
                    for (int u = 0; u < o; u++)
                    {
                        h[u] = MathF.Max(z[u], 0f);
                        if (h[u] > 0f) Active[t][e * o + active++] = u;
                        else if (t == 0) Inactive[e * o + inactive++] = u;
                    }
                    ActiveCount[t][e] = active;
                }
            }
        }
    }
}
