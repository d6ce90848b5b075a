using System.Runtime.CompilerServices;

namespace LocalSpec.Partitioning;

/// <summary>
/// n-cut(X₁ … X_k) = ½ Σ_i W(X_i, X̄_i) / vol(X_i) (paper A.1, after von Luxburg 2007), with
/// W(X, Y) = Σ_{i∈X, j∈Y} w_ij and vol(X) = Σ_{i∈X} d_i.
/// </summary>
public static class NormalizedCut
{
    /// <summary>
    /// The n-cut of <paramref name="labels"/> [N] on adjacency [N, N]. Nodes labelled −1 are not
    /// part of the graph: their edges count in no degree, so vol and W(X, X̄) are over the labelled
    /// nodes only (as the clustering saw them). A cluster of volume 0 adds nothing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call: a one-shot CLI run never reaches tier 1
    public static double Compute(ReadOnlySpan<float> adjacency, int n, ReadOnlySpan<int> labels)
    {
        if (adjacency.Length != (long)n * n) throw new ArgumentException($"adjacency has {adjacency.Length} entries, expected {n}×{n}", nameof(adjacency));
        if (labels.Length != n) throw new ArgumentException($"labels has {labels.Length} entries, expected {n}", nameof(labels));
        int clusters = 0;
        foreach (int l in labels)
        {
            if (l < -1) throw new ArgumentException($"label {l}: labels are −1 or a cluster index ≥ 0", nameof(labels));
            clusters = Math.Max(clusters, l + 1);
        }
        var volume = new double[clusters];
        var within = new double[clusters];
        for (int i = 0; i < n; i++)
        {
            int c = labels[i];
            if (c < 0) continue;
            ReadOnlySpan<float> row = adjacency.Slice(i * n, n);
            double all = 0, same = 0;
            for (int j = 0; j < n; j++)
            {
                if (labels[j] < 0) continue;
                all += row[j];
                if (labels[j] == c) same += row[j];
            }
            volume[c] += all;
            within[c] += same;
        }
        double sum = 0;
        for (int c = 0; c < clusters; c++)
            if (volume[c] > 0) sum += (volume[c] - within[c]) / volume[c];
        return sum / 2;
    }
}
