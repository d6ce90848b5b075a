using System.Runtime.CompilerServices;

namespace LocalSpec.Partitioning;

/// <summary>
/// Lloyd's algorithm from given centres, as scikit-learn's <c>_kmeans_single_lloyd</c>: stop at
/// the first iteration whose labels equal the previous ones ("strict convergence") or whose
/// summed squared centre shift is at most the tolerance; in the latter case assign once more so
/// that labels and centres agree.
/// </summary>
internal static class LloydIterations
{
    /// <summary>x [N, D]; centers [K, D] holds the starting centres and is used as scratch.</summary>
    public static KMeansResult Run(double[] x, int n, int d, int k, double[] centers, int maxIterations, double tolerance)
    {
        var labels = new int[n];
        var previous = new int[n];
        Array.Fill(previous, -1);
        var distances = new double[n];
        var next = new double[k * d];
        var counts = new int[k];
        bool strict = false;
        int iterations = 0;
        while (iterations < maxIterations)
        {
            iterations++;
            Assign(x, n, d, k, centers, labels, distances);
            Update(x, n, d, k, labels, distances, next, counts);
            double shift = 0;
            for (int i = 0; i < k * d; i++) shift += (next[i] - centers[i]) * (next[i] - centers[i]);
            (centers, next) = (next, centers);
            if (labels.AsSpan().SequenceEqual(previous))
            {
                strict = true;
                break;
            }
            if (shift <= tolerance) break;
            labels.CopyTo(previous, 0);
        }
        if (!strict) Assign(x, n, d, k, centers, labels, distances);
        double inertia = 0;
        for (int i = 0; i < n; i++) inertia += KMeans.SquaredDistance(x.AsSpan(i * d, d), centers.AsSpan(labels[i] * d, d));
        return new KMeansResult(labels, centers, inertia, iterations, 0);
    }

    /// <summary>labels[i] = the nearest centre (the first of equals); distances[i] = its squared distance.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call: a one-shot CLI run never reaches tier 1
    private static void Assign(double[] x, int n, int d, int k, double[] centers, int[] labels, double[] distances)
    {
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<double> row = x.AsSpan(i * d, d);
            double best = double.PositiveInfinity;
            int label = 0;
            for (int c = 0; c < k; c++)
            {
                double dist = KMeans.SquaredDistance(row, centers.AsSpan(c * d, d));
                if (dist < best) (best, label) = (dist, c);
            }
            labels[i] = label;
            distances[i] = best;
        }
    }

    /// <summary>
    /// centers [K, D] ← the mean of each cluster's points. A cluster left empty takes the point
    /// farthest from its own centre (farthest first, the lower index among equals), which leaves
    /// its old cluster (scikit-learn's <c>_relocate_empty_clusters_dense</c>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call: a one-shot CLI run never reaches tier 1
    private static void Update(double[] x, int n, int d, int k, int[] labels, double[] distances, double[] centers, int[] counts)
    {
        Array.Clear(centers);
        Array.Clear(counts);
        for (int i = 0; i < n; i++)
        {
            counts[labels[i]]++;
            Span<double> sum = centers.AsSpan(labels[i] * d, d);
            ReadOnlySpan<double> row = x.AsSpan(i * d, d);
            for (int f = 0; f < d; f++) sum[f] += row[f];
        }
        int[] empty = Enumerable.Range(0, k).Where(c => counts[c] == 0).ToArray();
        if (empty.Length > 0)
        {
            int[] far = Enumerable.Range(0, n).OrderByDescending(i => distances[i]).ThenBy(i => i).Take(empty.Length).ToArray();
            for (int e = 0; e < empty.Length; e++)
            {
                int point = far[e], from = labels[point];
                ReadOnlySpan<double> row = x.AsSpan(point * d, d);
                Span<double> fromSum = centers.AsSpan(from * d, d);
                for (int f = 0; f < d; f++) fromSum[f] -= row[f];
                counts[from]--;
                row.CopyTo(centers.AsSpan(empty[e] * d, d));
                counts[empty[e]] = 1;
            }
        }
        for (int c = 0; c < k; c++)
        {
            if (counts[c] == 0) continue;
            Span<double> center = centers.AsSpan(c * d, d);
            for (int f = 0; f < d; f++) center[f] /= counts[c];
        }
    }
}
