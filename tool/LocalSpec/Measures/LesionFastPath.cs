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
    private readonly int _chunk, _group, _scratch, _aLength, _pending;

    public LesionFastPath(LesionEngine engine, LesionPlan plan)
    {
        _engine = engine;
        _plan = plan;
        int budget = engine.Options.WorkingSetFloats;
        _aLength = engine.Network.Layers[plan.Site.MaskModule].OutputLength;
        int perExample = Math.Max(_aLength + plan.Entry.CacheLength, plan.RowLength);
        _chunk = Math.Clamp(budget / perExample, 1, engine.Test.Count);
        _group = Math.Max(1, budget / (_chunk * plan.RowLength));
        _scratch = Math.Max(budget, plan.MinimumScratch);
        _pending = Math.Clamp(budget / _aLength, 1, engine.Options.BatchSize);
    }

    /// <summary>Fills predictions[set][example] for every set; recomputed[set] counts its near-ties.</summary>
    public void Predict(IReadOnlyList<int[]> sets, int[][] predictions, int[] recomputed)
    {
        int count = _engine.Test.Count, rows = _group * _chunk;
        var a = new float[_chunk * _aLength];
        var z = new float[_chunk * _plan.Entry.CacheLength];
        var buffers = new[] { new float[rows * _plan.RowLength], new float[rows * _plan.RowLength] };
        var scratch = new float[_scratch];
        var pending = new LesionRecomputation(_engine, _plan.Site, sets, predictions, recomputed, _pending);
        int[][] all = [.. sets];
        for (int e0 = 0; e0 < count; e0 += _chunk)
        {
            int n = Math.Min(_chunk, count - e0);
            Prefix(e0, n, a, z);
            for (int s0 = 0; s0 < sets.Count; s0 += _group)
            {
                int g = Math.Min(_group, sets.Count - s0);
                _plan.Entry.Fill(z, a, n, new ArraySegment<int[]>(all, s0, g), buffers[0], scratch);
                float[] logits = Run(buffers, g * n, scratch);
                Decide(logits, s0, g, e0, n, a, predictions, pending);
            }
        }
        pending.Flush();
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

    private float[] Run(float[][] buffers, int rows, float[] scratch)
    {
        int current = 0;
        foreach (var step in _plan.Steps)
        {
            if (step.InPlace)
            {
                step.Run(buffers[current], buffers[current], rows, scratch, scratch.Length);
                continue;
            }
            step.Run(buffers[current], buffers[1 - current], rows, scratch, scratch.Length);
            current = 1 - current;
        }
        return buffers[current];
    }

    // Rows l·n + e of logits [g·n, K]: keep the argmax of clear winners, queue near-ties and non-finite rows.
    private void Decide(float[] logits, int s0, int g, int e0, int n, float[] a, int[][] predictions, LesionRecomputation pending)
    {
        int k = _engine.Classes;
        double tolerance = _engine.Options.TieTolerance;
        for (int l = 0; l < g; l++)
        {
            for (int e = 0; e < n; e++)
            {
                int best = LesionDecision.Decide(logits.AsSpan((l * n + e) * k, k), _engine.BaselineScale[e0 + e], tolerance);
                if (best >= 0) predictions[s0 + l][e0 + e] = best;
                else pending.Add(s0 + l, e0 + e, a.AsSpan(e * _aLength, _aLength));
            }
        }
    }
}
