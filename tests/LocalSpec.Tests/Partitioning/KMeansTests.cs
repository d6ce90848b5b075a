using System.Text.Json;
using LocalSpec.Partitioning;

namespace LocalSpec.Tests.Partitioning;

public sealed class KMeansTests
{
    public static TheoryData<int> SklearnCases => new() { 0, 1 };

    [Theory]
    [MemberData(nameof(SklearnCases))]
    public void Lloyd_iterations_from_given_centres_match_scikit_learn(int index)
    {
        // Case 1 starts a centre far from every point: its cluster is empty and is re-seeded.
        JsonElement c = TestGraphs.SklearnSmall.GetProperty("lloyd")[index];
        double[] x = c.GetProperty("x").Doubles();
        int n = c.GetProperty("n").GetInt32(), d = c.GetProperty("d").GetInt32(), k = c.GetProperty("k").GetInt32();
        double tolerance = 1e-4 * KMeans.MeanVariance(x, n, d);
        KMeansResult r = LloydIterations.Run(x, n, d, k, c.GetProperty("init").Doubles(), 300, tolerance);
        Assert.Equal(c.GetProperty("labels").Ints(), r.Labels);
        Assert.Equal(c.GetProperty("n_iter").GetInt32(), r.Iterations);
        Assert.Equal(c.GetProperty("inertia").GetDouble(), r.Inertia, 1e-10);
        double[] centers = c.GetProperty("centers").Doubles();
        for (int i = 0; i < centers.Length; i++) Assert.Equal(centers[i], r.Centers[i], 1e-12);
    }

    [Fact]
    public void Seeding_equals_a_naive_replay_of_the_greedy_k_means_plus_plus_rule()
    {
        var rng = new LocalSpec.Numerics.Rng(3);
        const int n = 60, d = 2, k = 6;
        var x = new double[n * d];
        for (int i = 0; i < x.Length; i++) x[i] = rng.NextGaussian() + (i / d % 3) * 4;
        foreach (int trials in new[] { 1, 2 + (int)Math.Log(k), 7 })
            for (ulong seed = 0; seed < 20; seed++)
                Assert.Equal(NaiveSeed(x, n, d, k, trials, new LocalSpec.Numerics.Rng(seed)), KMeansPlusPlus.Seed(x, n, d, k, trials, new LocalSpec.Numerics.Rng(seed)));
    }

    /// <summary>The rule written out plainly: linear search, potentials recomputed from scratch.</summary>
    private static int[] NaiveSeed(double[] x, int n, int d, int k, int trials, LocalSpec.Numerics.Rng rng)
    {
        double Dist(int i, int j) => Enumerable.Range(0, d).Sum(f => (x[i * d + f] - x[j * d + f]) * (x[i * d + f] - x[j * d + f]));
        var chosen = new List<int> { rng.NextInt(n) };
        while (chosen.Count < k)
        {
            double[] closest = [.. Enumerable.Range(0, n).Select(i => chosen.Min(c => Dist(i, c)))];
            double potential = 0;
            foreach (double v in closest) potential += v;
            double[] draws = [.. Enumerable.Range(0, trials).Select(_ => rng.NextDouble() * potential)];
            int best = -1;
            double bestPotential = double.PositiveInfinity;
            foreach (double draw in draws)
            {
                int candidate = n - 1;
                double running = 0;
                for (int i = 0; i < n; i++)
                    if ((running += closest[i]) >= draw) { candidate = i; break; }
                double p = 0;
                for (int i = 0; i < n; i++) p += Math.Min(closest[i], Dist(i, candidate));
                if (p < bestPotential) (best, bestPotential) = (candidate, p);
            }
            chosen.Add(best);
        }
        return [.. chosen];
    }

    [Fact]
    public void With_one_trial_the_second_centre_is_drawn_with_probability_proportional_to_D_squared()
    {
        double[] x = [0, 1, 3, 6, 10];
        const int n = 5, draws = 20_000;
        var counts = new long[n, n];
        for (ulong seed = 0; seed < draws; seed++)
        {
            int[] s = KMeansPlusPlus.Seed(x, n, 1, 2, 1, new LocalSpec.Numerics.Rng(seed));
            counts[s[0], s[1]]++;
        }
        double chi2 = 0;
        for (int a = 0; a < n; a++)
        {
            double total = Enumerable.Range(0, n).Sum(b => (x[a] - x[b]) * (x[a] - x[b]));
            for (int b = 0; b < n; b++)
            {
                if (a == b) continue;
                double expected = draws / (double)n * (x[a] - x[b]) * (x[a] - x[b]) / total;
                chi2 += (counts[a, b] - expected) * (counts[a, b] - expected) / expected;
            }
        }
        Assert.True(chi2 < 43.82, $"χ² = {chi2} over 20 cells (0.1 % point of χ²₁₉ is 43.82)");
    }

    [Fact]
    public void Well_separated_blobs_are_recovered_and_the_same_seed_gives_the_same_bits()
    {
        var rng = new LocalSpec.Numerics.Rng(5);
        const int n = 90, d = 3, k = 3;
        var x = new double[n * d];
        int[] truth = [.. Enumerable.Range(0, n).Select(i => i % k)];
        for (int i = 0; i < n; i++)
            for (int f = 0; f < d; f++) x[i * d + f] = 0.3 * rng.NextGaussian() + (f == truth[i] ? 5 : 0);
        KMeansResult a = KMeans.Fit(x, n, d, k, new KMeansOptions { Seed = 9 });
        KMeansResult b = KMeans.Fit(x, n, d, k, new KMeansOptions { Seed = 9 });
        Assert.True(TestGraphs.SamePartition(truth, a.Labels));
        Assert.Equal(a.Labels, b.Labels);
        Assert.Equal(a.Centers, b.Centers);
        Assert.Equal(a.Inertia, b.Inertia);
    }

    [Fact]
    public void More_restarts_never_give_a_higher_inertia_because_restart_r_is_the_same_in_both()
    {
        var rng = new LocalSpec.Numerics.Rng(8);
        const int n = 200, d = 4, k = 12;
        var x = new double[n * d];
        for (int i = 0; i < x.Length; i++) x[i] = rng.NextDouble();
        KMeansResult few = KMeans.Fit(x, n, d, k, new KMeansOptions { Seed = 1, Restarts = 3 });
        KMeansResult many = KMeans.Fit(x, n, d, k, new KMeansOptions { Seed = 1, Restarts = 12 });
        Assert.True(many.Inertia <= few.Inertia);
        if (many.Restart < 3) Assert.Equal(few.Labels, many.Labels);
        double recomputed = Enumerable.Range(0, n).Sum(i => KMeans.SquaredDistance(x.AsSpan(i * d, d), many.Centers.AsSpan(many.Labels[i] * d, d)));
        Assert.Equal(recomputed, many.Inertia, 1e-12);
    }

    [Fact]
    public void Impossible_requests_are_rejected()
    {
        double[] x = [0, 1, 2];
        Assert.Throws<ArgumentOutOfRangeException>(() => KMeans.Fit(x, 3, 1, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => KMeans.Fit(x, 3, 1, 0));
        Assert.Throws<ArgumentException>(() => KMeans.Fit(x, 2, 1, 1));
        Assert.Throws<ArgumentException>(() => KMeans.Fit([0, double.NaN], 2, 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => KMeans.Fit(x, 3, 1, 2, new KMeansOptions { Restarts = 0 }));
    }
}
