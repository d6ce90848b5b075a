using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using LocalSpec.Numerics;

namespace LocalSpec.Partitioning;

/// <summary>
/// M = D^−½ W D^−½ restricted to one connected component, as an operator for
/// <see cref="Lanczos"/>: its largest eigenvectors are L_sym's smallest (METHOD.md §4 step 2).
/// W is kept as float rows of segments (runs of columns with nonzero weights, gaps of up to
/// <see cref="MaxGap"/> zeros filled in): a weight graph's row is two dense runs (the layers
/// before and after), an activation graph's row one, a random sparse graph's many short ones.
/// A product reads each stored weight once and runs on all cores over fixed row ranges.
/// </summary>
internal sealed class NormalizedAdjacency : ISymmetricOperator
{
    private const int MaxGap = 8;
    private const long ParallelWork = 1 << 17;

    private readonly int[] _rowSegments;     // [S + 1]: segments of row i are _rowSegments[i] ..< _rowSegments[i + 1]
    private readonly int[] _segmentColumn;   // first column of each segment
    private readonly int[] _segmentValues;   // [segments + 1]: offset of each segment's weights in _values
    private readonly float[] _values;
    private readonly double[] _scale;        // [S]: d_i^−½
    private readonly int[] _chunkStart;      // row ranges of about equal work
    private readonly double[] _scaled, _product;

    private NormalizedAdjacency(int size, int[] rowSegments, int[] segmentColumn, int[] segmentValues, float[] values, double[] scale)
    {
        Size = size;
        _rowSegments = rowSegments;
        _segmentColumn = segmentColumn;
        _segmentValues = segmentValues;
        _values = values;
        _scale = scale;
        _scaled = new double[size];
        _product = new double[size];
        int chunks = values.Length < ParallelWork ? 1 : Environment.ProcessorCount * 4;
        _chunkStart = new int[chunks + 1];
        for (int c = 1, row = 0; c <= chunks; c++)
        {
            long target = (long)values.Length * c / chunks;
            while (row < size && _segmentValues[_rowSegments[row]] < target) row++;
            _chunkStart[c] = c == chunks ? size : row;
        }
    }

    public int Size { get; }

    /// <summary>Stored weights (nonzeros plus filled gaps).</summary>
    public long StoredWeights => _values.Length;

    /// <summary>The component <paramref name="nodes"/> (ascending) of <paramref name="graph"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call: a one-shot CLI run never reaches tier 1
    public static NormalizedAdjacency Create(AffinityGraph graph, int[] nodes)
    {
        int s = nodes.Length, n = graph.N;
        var rowSegments = new List<int>(s + 1) { 0 };
        var columns = new List<int>();
        var offsets = new List<int> { 0 };
        var values = new List<float>();
        for (int i = 0; i < s; i++)
        {
            ReadOnlySpan<float> row = graph.Adjacency.AsSpan(nodes[i] * n, n);
            int start = -1, last = -1;
            for (int p = 0; p <= s; p++)
            {
                bool nonzero = p < s && row[nodes[p]] != 0;
                if (start >= 0 && (p == s || (nonzero && p - last - 1 > MaxGap)))
                {
                    columns.Add(start);
                    for (int q = start; q <= last; q++) values.Add(row[nodes[q]]);
                    offsets.Add(values.Count);
                    start = -1;
                }
                if (!nonzero) continue;
                if (start < 0) start = p;
                last = p;
            }
            rowSegments.Add(columns.Count);
        }
        var scale = nodes.Select(i => 1 / Math.Sqrt(graph.Degree[i])).ToArray();
        return new NormalizedAdjacency(s, [.. rowSegments], [.. columns], [.. offsets], [.. values], scale);
    }

    /// <summary>M as a dense [S, S] double matrix, for the dense solver.</summary>
    public double[] ToDense()
    {
        var m = new double[Size * Size];
        for (int i = 0; i < Size; i++)
            for (int g = _rowSegments[i]; g < _rowSegments[i + 1]; g++)
                for (int q = _segmentValues[g]; q < _segmentValues[g + 1]; q++)
                {
                    int j = _segmentColumn[g] + q - _segmentValues[g];
                    m[i * Size + j] = _scale[i] * _values[q] * _scale[j];
                }
        return m;
    }

    /// <summary>y = D^−½ W D^−½ x.</summary>
    public void Apply(ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < Size; i++) _scaled[i] = _scale[i] * x[i];
        int chunks = _chunkStart.Length - 1;
        if (chunks == 1)
        {
            MultiplyRows(0, Size, y);
            return;
        }
        Parallel.For(0, chunks, c => MultiplyRows(_chunkStart[c], _chunkStart[c + 1], _product));
        _product.CopyTo(y);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call: a one-shot CLI run never reaches tier 1
    private void MultiplyRows(int from, int to, Span<double> y)
    {
        for (int i = from; i < to; i++)
        {
            double sum = 0;
            for (int g = _rowSegments[i]; g < _rowSegments[i + 1]; g++)
            {
                int offset = _segmentValues[g], length = _segmentValues[g + 1] - offset;
                sum += MixedDot(_values.AsSpan(offset, length), _scaled.AsSpan(_segmentColumn[g], length));
            }
            y[i] = _scale[i] * sum;
        }
    }

    /// <summary>Σ w_i t_i with float weights widened exactly to double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call: a one-shot CLI run never reaches tier 1
    private static double MixedDot(ReadOnlySpan<float> w, ReadOnlySpan<double> t)
    {
        int i = 0;
        double sum = 0;
        if (Vector256.IsHardwareAccelerated && w.Length >= 8)
        {
            Vector256<double> a0 = Vector256<double>.Zero, a1 = Vector256<double>.Zero;
            for (; i <= w.Length - 8; i += 8)
            {
                (Vector256<double> lower, Vector256<double> upper) = Vector256.Widen(Vector256.Create(w.Slice(i, 8)));
                a0 = Vector256.FusedMultiplyAdd(lower, Vector256.Create(t.Slice(i, 4)), a0);
                a1 = Vector256.FusedMultiplyAdd(upper, Vector256.Create(t.Slice(i + 4, 4)), a1);
            }
            sum = Vector256.Sum(a0 + a1);
        }
        for (; i < w.Length; i++) sum += w[i] * t[i];
        return sum;
    }
}
