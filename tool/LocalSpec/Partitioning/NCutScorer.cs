using System.Runtime.CompilerServices;

namespace LocalSpec.Partitioning;

/// <summary>
/// The n-cut (<see cref="NormalizedCut"/>) of labellings of a graph's usable nodes, for choosing
/// among k-means restarts: the usable-to-usable weights are kept once as sparse rows, so each
/// labelling costs one pass over the edges instead of the N² pass over the adjacency. Sums run
/// in the same order as <see cref="NormalizedCut.Compute"/>'s, so volumes and cuts are the same.
/// </summary>
internal sealed class NCutScorer
{
    private readonly int[] _rowStart; // [M + 1]
    private readonly int[] _column;   // local indices of the nonzero weights, ascending per row
    private readonly float[] _weight;

    /// <summary>Rows and columns are <see cref="AffinityGraph.Usable"/>, in that order (the embedding's rows).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call: a one-shot CLI run never reaches tier 1
    public NCutScorer(AffinityGraph graph)
    {
        int[] usable = graph.Usable;
        int m = usable.Length, n = graph.N;
        _rowStart = new int[m + 1];
        for (int r = 0; r < m; r++)
        {
            ReadOnlySpan<float> row = graph.Adjacency.AsSpan(usable[r] * n, n);
            int count = 0;
            foreach (int j in usable)
                if (row[j] != 0) count++;
            _rowStart[r + 1] = _rowStart[r] + count;
        }
        _column = new int[_rowStart[m]];
        _weight = new float[_rowStart[m]];
        for (int r = 0, p = 0; r < m; r++)
        {
            ReadOnlySpan<float> row = graph.Adjacency.AsSpan(usable[r] * n, n);
            for (int c = 0; c < m; c++)
            {
                float w = row[usable[c]];
                if (w == 0) continue;
                (_column[p], _weight[p]) = (c, w);
                p++;
            }
        }
    }

    /// <summary>½ Σ_c W(c, c̄) / vol(c) of labels [M] with values 0..K−1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double Compute(ReadOnlySpan<int> labels, int k)
    {
        var volume = new double[k];
        var within = new double[k];
        for (int r = 0; r + 1 < _rowStart.Length; r++)
        {
            int c = labels[r];
            double all = 0, same = 0;
            for (int p = _rowStart[r]; p < _rowStart[r + 1]; p++)
            {
                all += _weight[p];
                if (labels[_column[p]] == c) same += _weight[p];
            }
            volume[c] += all;
            within[c] += same;
        }
        double sum = 0;
        for (int c = 0; c < k; c++)
            if (volume[c] > 0) sum += (volume[c] - within[c]) / volume[c];
        return sum / 2;
    }
}
