using System.Runtime.CompilerServices;
using LocalSpec.Numerics;

namespace LocalSpec.Partitioning;

/// <summary>
/// k-means as scikit-learn 1.2 does it (<c>cluster/_kmeans.py</c>, algorithm "lloyd"): greedy
/// k-means++ seeding, Lloyd iterations until the labels stop changing or the centres move less
/// than the tolerance, empty clusters re-seeded with the points farthest from their centres,
/// and the lowest inertia over independent restarts. Restarts run in parallel; each draws from
/// its own forked generator and is computed by one thread, so the result is the same on any
/// number of cores.
/// </summary>
public static class KMeans
{
    /// <summary>Clusters the rows of x [N, D] into K groups.</summary>
    public static KMeansResult Fit(double[] x, int n, int d, int k, KMeansOptions? options = null) => Fit(x, n, d, k, options, score: null);

    /// <summary>
    /// As <see cref="Fit(double[], int, int, int, KMeansOptions?)"/>; with a <paramref name="score"/>
    /// of the labels [N], the restart of the lowest score wins instead (the lower inertia among
    /// equal scores). The score is called from the restarts' threads.
    /// </summary>
    internal static KMeansResult Fit(double[] x, int n, int d, int k, KMeansOptions? options, Func<int[], double>? score)
    {
        options ??= new KMeansOptions();
        Validate(x, n, d, k, options);
        int trials = options.LocalTrials > 0 ? options.LocalTrials : 2 + (int)Math.Log(k);
        double tolerance = options.Tolerance * MeanVariance(x, n, d);
        var root = new Rng(options.Seed);
        var results = new KMeansResult[options.Restarts];
        var scores = new double[options.Restarts];
        Parallel.For(0, options.Restarts, r =>
        {
            int[] seeds = KMeansPlusPlus.Seed(x, n, d, k, trials, root.Fork((ulong)r));
            var centers = new double[k * d];
            for (int c = 0; c < k; c++) Array.Copy(x, seeds[c] * d, centers, c * d, d);
            results[r] = LloydIterations.Run(x, n, d, k, centers, options.MaxIterations, tolerance) with { Restart = r };
            if (score is not null) scores[r] = score(results[r].Labels);
        });
        int best = 0;
        for (int r = 1; r < results.Length; r++)
        {
            bool lower = score is null
                ? results[r].Inertia < results[best].Inertia
                : scores[r] < scores[best] || (scores[r] == scores[best] && results[r].Inertia < results[best].Inertia);
            if (lower) best = r;
        }
        return results[best];
    }

    /// <summary>Mean over the D features of their population variance (scikit-learn's <c>_tolerance</c>).</summary>
    internal static double MeanVariance(double[] x, int n, int d)
    {
        if (n == 0 || d == 0) return 0;
        double total = 0;
        for (int f = 0; f < d; f++)
        {
            double mean = 0;
            for (int i = 0; i < n; i++) mean += x[i * d + f];
            mean /= n;
            double ss = 0;
            for (int i = 0; i < n; i++) ss += (x[i * d + f] - mean) * (x[i * d + f] - mean);
            total += ss / n;
        }
        return total / d;
    }

    /// <summary>‖a − b‖² of two rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call: a one-shot CLI run never reaches tier 1
    internal static double SquaredDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int f = 0; f < a.Length; f++)
        {
            double t = a[f] - b[f];
            s += t * t;
        }
        return s;
    }

    private static void Validate(double[] x, int n, int d, int k, KMeansOptions options)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfLessThan(d, 1);
        if (x.Length != (long)n * d) throw new ArgumentException($"x has {x.Length} entries, expected {n}×{d}", nameof(x));
        if (k < 1 || k > n) throw new ArgumentOutOfRangeException(nameof(k), $"cannot make {k} clusters of {n} points");
        if (options.Restarts < 1) throw new ArgumentOutOfRangeException(nameof(options), "restarts must be at least 1");
        if (options.MaxIterations < 1) throw new ArgumentOutOfRangeException(nameof(options), "max iterations must be at least 1");
        if (!(options.Tolerance >= 0)) throw new ArgumentOutOfRangeException(nameof(options), "tolerance must be non-negative");
        if (options.LocalTrials < 0) throw new ArgumentOutOfRangeException(nameof(options), "local trials must be non-negative");
        foreach (double v in x)
            if (!double.IsFinite(v)) throw new ArgumentException("x has a non-finite entry", nameof(x));
    }
}
