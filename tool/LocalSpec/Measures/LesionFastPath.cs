using LocalSpec.Nn;
using Tensor = LocalSpec.Nn.Tensor;

namespace LocalSpec.Measures;

/// <summary>
/// Predictions of many lesioned networks at one site without a full forward pass each. The test
/// set is cut into chunks of n examples; per chunk one intact forward up to the next layer caches
/// the masked module's outputs A and the next layer's pre-activations Z; then g lesions at a time
/// get z' = Z − (their units' contribution) stacked into one batch of g·n rows, which the
/// <see cref="LesionPlan"/> carries to the logits with large GEMMs.
/// <para>
/// Exactness: z' and the later GEMMs round differently from the naive path's masked forward
/// (measured ≤ 4e-6 of the near-tie scale on the mlp and cnn presets), so a prediction is kept only
/// when its top-two margin exceeds <see cref="LesionOptions.TieTolerance"/> (default 1e-3) times
/// that scale; every other row is recomputed from the cached A with the unit mask applied as
/// <see cref="ForwardOptions.UnitMasks"/> applies it and the engine's own modules, i.e. with the
/// naive path's arithmetic. With a GEMM whose rows do not depend on the batch around them (the
/// managed and reference providers) that is bit for bit the naive path's result; a native BLAS that
/// picks kernels by shape can move a logit by a few ulps with the batch, so there the naive path's
/// own prediction of a row within that noise of a tie depends on its batch size.
/// Tallies are integers and, with such a GEMM, rows are independent, so chunk and batch sizes never
/// change a result.
/// </para>
/// </summary>
internal sealed class LesionFastPath : ILesionPredictor
{
    private readonly LesionEngine _engine;
    private readonly LesionPlan _plan;
    private readonly int _chunk, _rows, _scratch, _aLength;
    private readonly IdleBuffers<Work> _idle = new();
    private readonly IdleBuffers<(float[] A, float[] Z)> _prefixes = new();

    public LesionFastPath(LesionEngine engine, LesionPlan plan)
    {
        _engine = engine;
        _plan = plan;
        int budget = engine.Options.WorkingSetFloats;
        _aLength = engine.Network.Layers[plan.Site.MaskModule].OutputLength;
        _chunk = Math.Clamp(8 * budget / (_aLength + plan.Entry.CacheLength), 1, engine.Test.Count);
        _rows = Math.Max(1, budget / plan.RowLength);
        _scratch = Math.Max(budget, plan.MinimumScratch);
    }

    /// <summary>
    /// Fills predictions[set][example] for every set; recomputed[set] counts its near-ties. Per chunk
    /// of examples, one intact forward pass; then batches of (lesions × examples) of about
    /// <see cref="LesionOptions.WorkingSetFloats"/> floats each run on parallel workers with
    /// serial loops and one-thread GEMMs (<see cref="LesionCompute.Worker"/>).
    /// </summary>
    public void Predict(IReadOnlyList<int[]> sets, int[][] predictions, int[] recomputed)
    {
        int count = _engine.Test.Count;
        var prefix = _prefixes.Take(_ => true, () => (new float[_chunk * _aLength], new float[_chunk * _plan.Entry.CacheLength]));
        var (a, z) = prefix;
        int[][] all = [.. sets];
        var pending = new List<(int Set, int Example)>();
        var gate = new Lock();
        for (int e0 = 0; e0 < count; e0 += _chunk)
        {
            int n = Math.Min(_chunk, count - e0);
            Prefix(e0, n, a, z);
            // batches: examples [b0, b0 + width) of the chunk × lesions [s0, s0 + group): many examples per
            // lesion (the dense entry's products run over examples), or many lesions per example (pooled conv entry)
            int lesionsFirst = Math.Min(Math.Min(_plan.Entry.LesionsPerBatch, sets.Count), _rows);
            int width = Math.Min(n, Math.Max(1, _rows / lesionsFirst)), group = Math.Max(1, _rows / width);
            if (lesionsFirst > 1) group = Math.Min(group, lesionsFirst);
            int exampleBatches = (n + width - 1) / width, batches = exampleBatches * ((sets.Count + group - 1) / group);
            var options = new ParallelOptions { MaxDegreeOfParallelism = _engine.Options.Workers };
            Parallel.For(0, batches, options, () => _idle.Take(w => w.Rows == width * group, () => new Work(this, width * group)), (batch, _, work) =>
            {
                int b0 = batch % exampleBatches * width, s0 = batch / exampleBatches * group;
                int m = Math.Min(width, n - b0), g = Math.Min(group, sets.Count - s0);
                _plan.Entry.Fill(z, a, n, b0, m, new ArraySegment<int[]>(all, s0, g), work.Buffers[0], work.Scratch, LesionCompute.Worker);
                float[] logits = Run(work, g * m);
                Decide(logits, s0, g, e0 + b0, m, work.Pending);
                return work;
            }, work =>
            {
                lock (gate) pending.AddRange(work.Pending);
                work.Pending.Clear();
                _idle.Return(work);
            });
            if (pending.Count == 0) continue;
            // near-ties and non-finite rows, the naive way
            var recomputation = new LesionRecomputation(_engine, _plan.Site, sets, predictions, recomputed, pending.Count);
            foreach (var (set, example) in pending) recomputation.Add(set, example, a.AsSpan((example - e0) * _aLength, _aLength));
            recomputation.Flush();
            pending.Clear();
        }
        _prefixes.Return(prefix);

        // rows l·m + e of logits [g·m, K]: keep the argmax of clear winners, queue near-ties and non-finite rows
        void Decide(float[] logits, int s0, int g, int first, int m, List<(int, int)> queue)
        {
            int k = _engine.Classes;
            double tolerance = _engine.Options.TieTolerance;
            for (int l = 0; l < g; l++)
            {
                for (int e = 0; e < m; e++)
                {
                    int best = LesionDecision.Decide(logits.AsSpan((l * m + e) * k, k), _engine.BaselineScale[first + e], tolerance);
                    if (best >= 0) predictions[s0 + l][first + e] = best;
                    else queue.Add((s0 + l, first + e));
                }
            }
        }
    }

    // One intact forward of examples e0..e0+n up to the next layer: A (masked module's output) and Z.
    private void Prefix(int e0, int n, float[] a, float[] z)
    {
        var network = _engine.Network;
        var test = _engine.Test;
        var x = new Tensor(test.Pixels.AsSpan(e0 * test.ExampleSize, n * test.ExampleSize).ToArray(), [n, .. network.InputShape]);
        int mask = _plan.Site.MaskModule;
        var options = new ForwardOptions
        {
            To = _plan.Site.NextModule,
            Capture = (m, t) => { if (m == mask) t.Data.AsSpan(0, n * _aLength).CopyTo(a); },
        };
        _plan.Entry.Load(network.Forward(x, options).Data, n, z);
    }

    private float[] Run(Work work, int rows)
    {
        int current = 0;
        var buffers = work.Buffers;
        foreach (var step in _plan.Steps)
        {
            if (step.InPlace)
            {
                step.Run(buffers[current], buffers[current], rows, work.Scratch, work.Scratch.Length, LesionCompute.Worker);
                continue;
            }
            step.Run(buffers[current], buffers[1 - current], rows, work.Scratch, work.Scratch.Length, LesionCompute.Worker);
            current = 1 - current;
        }
        return buffers[current];
    }

    /// <summary>One worker's two row buffers and scratch.</summary>
    private sealed class Work(LesionFastPath path, int rows)
    {
        public int Rows { get; } = rows;
        public float[][] Buffers { get; } = [new float[rows * path._plan.RowLength], new float[rows * path._plan.RowLength]];
        public float[] Scratch { get; } = new float[path._scratch];
        public List<(int Set, int Example)> Pending { get; } = [];
    }
}
