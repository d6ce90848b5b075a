using LocalSpec.Numerics;
using Xunit;

namespace LocalSpec.Tests.Numerics;

public sealed class RngTests
{
    // Upper 0.1% points of χ² (scipy.stats.chi2.ppf(0.999, df)); fixed seeds make each test deterministic.
    private const double Chi2Df5 = 20.515, Chi2Df9 = 27.877, Chi2Df19 = 43.820;

    private static ulong[] Draw(Rng rng, int count) => Enumerable.Range(0, count).Select(_ => rng.NextUInt64()).ToArray();

    private static double ChiSquare(long[] observed, double expected) =>
        observed.Sum(o => (o - expected) * (o - expected) / expected);

    [Fact]
    public void The_same_seed_gives_the_same_stream_and_another_seed_a_different_one()
    {
        Assert.Equal(Draw(new Rng(42), 1000), Draw(new Rng(42), 1000));
        Assert.NotEqual(Draw(new Rng(42), 16), Draw(new Rng(43), 16));
    }

    [Fact]
    public void A_fork_does_not_depend_on_how_far_the_parent_has_drawn()
    {
        var fresh = new Rng(5);
        var used = new Rng(5);
        Draw(used, 777);
        Assert.Equal(Draw(fresh.Fork(3), 100), Draw(used.Fork(3), 100));
        Assert.Equal(Draw(fresh.Fork("lesion"), 100), Draw(used.Fork("lesion"), 100));
    }

    [Fact]
    public void Forks_differ_from_each_other_from_their_parent_and_across_seeds()
    {
        var parent = new Rng(5);
        ulong[][] streams =
        [
            Draw(new Rng(5), 8), Draw(parent.Fork(0), 8), Draw(parent.Fork(1), 8), Draw(parent.Fork("a"), 8),
            Draw(parent.Fork("b"), 8), Draw(new Rng(6).Fork(0), 8), Draw(parent.Fork(0).Fork(0), 8),
        ];
        for (int i = 0; i < streams.Length; i++)
            for (int j = i + 1; j < streams.Length; j++)
                Assert.NotEqual(streams[i], streams[j]);
    }

    [Fact]
    public void Forked_streams_are_uncorrelated_with_their_parent()
    {
        var parent = new Rng(9);
        Rng child = parent.Fork(1);
        const int n = 100_000;
        double sxy = 0, sx = 0, sy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++)
        {
            double x = parent.NextDouble(), y = child.NextDouble();
            (sx, sy, sxy, sxx, syy) = (sx + x, sy + y, sxy + x * y, sxx + x * x, syy + y * y);
        }
        double r = (n * sxy - sx * sy) / Math.Sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
        Assert.InRange(r, -4 / Math.Sqrt(n), 4 / Math.Sqrt(n)); // |r| under 4 standard errors
    }

    [Theory]
    [InlineData(10, 0)]
    [InlineData(10, 1_000_000_000)]
    public void NextInt_is_uniform_by_chi_square(int bins, int offset)
    {
        var rng = new Rng(123);
        var counts = new long[bins];
        const int draws = 200_000;
        for (int i = 0; i < draws; i++) counts[rng.NextInt(offset, offset + bins) - offset]++;
        Assert.InRange(ChiSquare(counts, draws / (double)bins), 0, Chi2Df9);
    }

    [Fact]
    public void NextInt_rejects_an_empty_range()
    {
        var rng = new Rng(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => rng.NextInt(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => rng.NextInt(3, 3));
    }

    [Fact]
    public void Uniform_doubles_and_singles_lie_in_the_unit_interval_with_mean_one_half()
    {
        var rng = new Rng(77);
        const int n = 100_000;
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double d = rng.NextDouble();
            float f = rng.NextSingle();
            Assert.InRange(d, 0.0, Math.BitDecrement(1.0));
            Assert.InRange(f, 0f, MathF.BitDecrement(1f));
            sum += d;
        }
        Assert.InRange(sum / n, 0.5 - 4 * Math.Sqrt(1.0 / 12 / n), 0.5 + 4 * Math.Sqrt(1.0 / 12 / n));
    }

    [Fact]
    public void Gaussians_have_mean_zero_variance_one_and_normal_kurtosis()
    {
        var rng = new Rng(2024);
        const int n = 400_000;
        double s1 = 0, s2 = 0, s4 = 0;
        for (int i = 0; i < n; i++)
        {
            double x = rng.NextGaussian();
            (s1, s2, s4) = (s1 + x, s2 + x * x, s4 + x * x * x * x);
        }
        double mean = s1 / n, variance = s2 / n - mean * mean, kurtosis = s4 / n;
        // Standard errors: mean 1/√n, variance √(2/n), fourth moment √(96/n); allow 4 of each.
        Assert.InRange(mean, -4 / Math.Sqrt(n), 4 / Math.Sqrt(n));
        Assert.InRange(variance, 1 - 4 * Math.Sqrt(2.0 / n), 1 + 4 * Math.Sqrt(2.0 / n));
        Assert.InRange(kurtosis, 3 - 4 * Math.Sqrt(96.0 / n), 3 + 4 * Math.Sqrt(96.0 / n));
    }

    [Fact]
    public void Samples_without_replacement_are_distinct_and_in_range()
    {
        var rng = new Rng(3);
        int[] sample = rng.SampleWithoutReplacement(1000, 400);
        Assert.Equal(400, sample.Distinct().Count());
        Assert.All(sample, i => Assert.InRange(i, 0, 999));
        Assert.Equal(Enumerable.Range(0, 50), rng.SampleWithoutReplacement(50, 50).Order());
        Assert.Empty(rng.SampleWithoutReplacement(5, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => rng.SampleWithoutReplacement(5, 6));
    }

    [Fact]
    public void Every_index_is_sampled_equally_often_and_in_every_draw_position()
    {
        var rng = new Rng(31);
        const int n = 20, count = 5, trials = 40_000;
        var included = new long[n];
        var first = new long[n];
        for (int t = 0; t < trials; t++)
        {
            int[] sample = rng.SampleWithoutReplacement(n, count);
            first[sample[0]]++;
            foreach (int i in sample) included[i]++;
        }
        Assert.InRange(ChiSquare(first, trials / (double)n), 0, Chi2Df19);
        // Inclusion is Binomial(trials, count/n) per index: allow 5 standard deviations.
        double p = count / (double)n, sd = Math.Sqrt(trials * p * (1 - p));
        Assert.All(included, c => Assert.InRange(c, trials * p - 5 * sd, trials * p + 5 * sd));
    }

    [Fact]
    public void Shuffle_and_Permutation_return_permutations()
    {
        var rng = new Rng(8);
        Assert.Equal(Enumerable.Range(0, 1000), rng.Permutation(1000).Order());
        string[] items = ["a", "b", "c", "d", "e", "f"];
        rng.Shuffle<string>(items);
        Assert.Equal(new[] { "a", "b", "c", "d", "e", "f" }, items.Order());
        Assert.Empty(rng.Permutation(0));
    }

    [Fact]
    public void All_orderings_of_three_items_are_equally_likely()
    {
        var rng = new Rng(13);
        var counts = new Dictionary<string, long>();
        const int trials = 60_000;
        for (int t = 0; t < trials; t++)
        {
            string key = string.Concat(rng.Permutation(3));
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        Assert.Equal(6, counts.Count);
        Assert.InRange(ChiSquare(counts.Values.ToArray(), trials / 6.0), 0, Chi2Df5);
    }
}
