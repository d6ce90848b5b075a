using System.Runtime.CompilerServices;

namespace LocalSpec.Partitioning;

/// <summary>
/// Greedy k-means++ seeding (Arthur &amp; Vassilvitskii 2007; scikit-learn's <c>_kmeans_plusplus</c>):
/// the first centre uniformly, then for each further centre draw <c>trials</c> candidates with
/// probability ∝ D(x)², the squared distance to the nearest chosen centre, and keep the one that
/// lowers the potential Σ D(x)² most.
/// </summary>
internal static class KMeansPlusPlus
{
    /// <summary>Indices of the K rows of x [N, D] chosen as initial centres.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call: a one-shot CLI run never reaches tier 1
    public static int[] Seed(double[] x, int n, int d, int k, int trials, Numerics.Rng rng)
    {
        var chosen = new int[k];
        chosen[0] = rng.NextInt(n);
        var closest = new double[n];
        double potential = 0;
        for (int i = 0; i < n; i++) potential += closest[i] = KMeans.SquaredDistance(Row(x, i, d), Row(x, chosen[0], d));
        var cumulative = new double[n];
        var candidates = new int[trials];
        var trial = new double[n];
        var best = new double[n];
        for (int c = 1; c < k; c++)
        {
            double running = 0;
            for (int i = 0; i < n; i++) cumulative[i] = running += closest[i];
            for (int t = 0; t < trials; t++)
                candidates[t] = Math.Min(SearchLeft(cumulative, rng.NextDouble() * potential), n - 1);
            double bestPotential = double.PositiveInfinity;
            int bestCandidate = -1;
            foreach (int candidate in candidates)
            {
                double p = 0;
                for (int i = 0; i < n; i++)
                    p += trial[i] = Math.Min(closest[i], KMeans.SquaredDistance(Row(x, i, d), Row(x, candidate, d)));
                if (p < bestPotential)
                {
                    (bestPotential, bestCandidate) = (p, candidate);
                    (trial, best) = (best, trial);
                }
            }
            chosen[c] = bestCandidate;
            potential = bestPotential;
            (closest, best) = (best, closest);
        }
        return chosen;
    }

    /// <summary>The first i with cumulative[i] ≥ value (numpy's searchsorted, side 'left'); N when none.</summary>
    internal static int SearchLeft(double[] cumulative, double value)
    {
        int lo = 0, hi = cumulative.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] < value) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private static ReadOnlySpan<double> Row(double[] x, int i, int d) => x.AsSpan(i * d, d);
}
