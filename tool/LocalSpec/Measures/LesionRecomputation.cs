using System.Numerics.Tensors;
using LocalSpec.Nn;
using Tensor = LocalSpec.Nn.Tensor;

namespace LocalSpec.Measures;

/// <summary>
/// Queued near-ties of a fast path, recomputed with the naive path's arithmetic: the cached output
/// of the masked module with the lesioned units multiplied by 0 (as <see cref="ForwardOptions.UnitMasks"/>
/// does), then the engine's own modules from the one after the mask, in batches of at most
/// <see cref="LesionOptions.BatchSize"/> rows. Not thread-safe.
/// </summary>
internal sealed class LesionRecomputation
{
    private readonly LesionEngine _engine;
    private readonly LesionSite _site;
    private readonly IReadOnlyList<int[]> _sets;
    private readonly int[][] _predictions;
    private readonly int[] _recomputed;
    private readonly int _length;
    private readonly float[] _x;
    private readonly (int Set, int Example)[] _rows;
    private int _count;

    public LesionRecomputation(LesionEngine engine, LesionSite site, IReadOnlyList<int[]> sets, int[][] predictions, int[] recomputed, int capacity)
    {
        (_engine, _site, _sets, _predictions, _recomputed) = (engine, site, sets, predictions, recomputed);
        _length = engine.Network.Layers[site.MaskModule].OutputLength;
        int rows = Math.Clamp(capacity, 1, engine.Options.BatchSize);
        _x = new float[rows * _length];
        _rows = new (int, int)[rows];
    }

    /// <summary>Queues example <paramref name="example"/> of set <paramref name="set"/>; <paramref name="a"/> is its intact masked-module output.</summary>
    public void Add(int set, int example, ReadOnlySpan<float> a)
    {
        int size = _site.UnitSize;
        var row = _x.AsSpan(_count * _length, _length);
        a.CopyTo(row);
        foreach (int u in _sets[set])
        {
            var unit = row.Slice(u * size, size);
            TensorPrimitives.Multiply(unit, 0f, unit);
        }
        _rows[_count++] = (set, example);
        if (_count == _rows.Length) Flush();
    }

    public void Flush()
    {
        if (_count == 0) return;
        var network = _engine.Network;
        int mask = _site.MaskModule;
        var x = new Tensor(_x.AsSpan(0, _count * _length).ToArray(), [_count, .. network.Layers[mask].OutputShape]);
        var logits = network.Forward(x, new ForwardOptions { From = mask + 1 });
        for (int j = 0; j < _count; j++)
        {
            var (set, example) = _rows[j];
            _predictions[set][example] = SoftmaxCrossEntropy.ArgMax(logits.Example(j));
            _recomputed[set]++;
        }
        _count = 0;
    }
}
