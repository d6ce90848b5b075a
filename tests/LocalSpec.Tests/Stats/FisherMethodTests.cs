using LocalSpec.Stats;

namespace LocalSpec.Tests.Stats;

public sealed class FisherMethodTests
{
    [Fact]
    public void Statistic_and_p_value_match_scipy_combine_pvalues_and_mpmath()
    {
        foreach (var c in StatsFixture.Load("fisher.json").GetProperty("cases").EnumerateArray())
        {
            string name = c.GetProperty("name").GetString()!;
            double[] centred = c.GetProperty("centred").Doubles();
            var result = FisherMethod.Combine(centred);
            Assert.Equal(c.GetProperty("m").GetInt32(), result.Count);
            StatsFixture.Relative(c.GetProperty("fisher_statistic").GetDouble(), result.Statistic, 1e-14, $"{name}: F");
            // scipy's statistic is −2 Σ ln p = 2mF.
            StatsFixture.Relative(c.GetProperty("scipy_statistic").GetDouble(), 2 * result.Count * result.Statistic, 1e-14, $"{name}: 2mF");
            // 1e-12 on p: the reference takes F exactly, ours carries the rounding of each ln p′
            // (½ ulp, the sum itself is compensated), which p amplifies by about mF (≤ 1850 here).
            var mp = c.GetProperty("mp");
            StatsFixture.Probability(c.GetProperty("mp_p").GetDouble(), mp.GetProperty("ln").GetDouble(), result.PValue, 1e-12, name);
            double scipyP = c.GetProperty("scipy_pvalue").GetDouble();
            if (scipyP >= PValue.MinNormal) StatsFixture.Relative(scipyP, result.PValue.P, 1e-12, $"{name}: scipy p");
        }
    }

    [Fact]
    public void Null_mean_of_the_statistic_for_19_random_values_is_0_983()
    {
        // E[−ln p′] over the 20 equally likely centred percentiles 0.025, 0.075, …, 0.975 (METHOD.md §7.3).
        double mean = FisherResult.NullMean(19);
        Assert.Equal(0.983, Math.Round(mean, 3));
        StatsFixture.Relative(StatsFixture.Load("fisher.json").GetProperty("null_mean_n19").GetDouble(), mean, 1e-14, "null mean");
        double[] grid = Enumerable.Range(0, 20).Select(r => (r + 0.5) / 20).ToArray();
        StatsFixture.Relative(mean, FisherMethod.Combine(grid).Statistic, 1e-14, "F of the 20 null values");
    }

    [Fact]
    public void Null_mean_tends_to_one_as_the_percentile_becomes_continuous()
    {
        Assert.True(FisherResult.NullMean(19) < FisherResult.NullMean(199));
        Assert.True(FisherResult.NullMean(199) < FisherResult.NullMean(1999));
        Assert.InRange(FisherResult.NullMean(1999), 0.999, 1.0);
    }

    [Fact]
    public void With_one_subcluster_the_p_value_is_the_centred_percentile()
    {
        // 2F = −2 ln p′ and P(χ²₂ ≥ t) = e^{−t/2}, so P = p′.
        foreach (double p in new[] { 0.025, 0.2, 0.5, 0.975 })
        {
            var result = FisherMethod.Combine([p]);
            StatsFixture.Relative(p, result.PValue.P, 1e-15, $"m = 1, p′ = {p}");
            StatsFixture.Relative(-Math.Log(p), result.Statistic, 1e-15, "F");
        }
    }

    [Fact]
    public void Many_strongly_specialized_subclusters_give_a_finite_log_p_below_the_double_range()
    {
        double[] best = Enumerable.Repeat(0.025, 5000).ToArray();
        var result = FisherMethod.Combine(best);
        Assert.Equal(0, result.PValue.P);
        Assert.True(result.PValue.IsBelowDoubleRange);
        Assert.True(double.IsFinite(result.PValue.LnP));
        Assert.InRange(result.PValue.Log10P, -3100, -3000);
    }

    [Fact]
    public void Percentiles_of_one_give_a_statistic_of_positive_zero_and_p_one()
    {
        var result = FisherMethod.Combine([1.0, 1.0]);
        Assert.Equal(0.0, result.Statistic);
        Assert.False(double.IsNegative(result.Statistic));
        Assert.Equal(1.0, result.PValue.P);
    }

    [Fact]
    public void Empty_input_and_percentiles_outside_the_unit_interval_are_rejected()
    {
        Assert.Contains("no analysed subclusters", Assert.Throws<ArgumentException>(() => FisherMethod.Combine([])).Message);
        Assert.Contains("percentile 1", Assert.Throws<ArgumentOutOfRangeException>(() => FisherMethod.Combine([0.5, 0.0])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => FisherMethod.Combine([1.5]));
        Assert.Throws<ArgumentOutOfRangeException>(() => FisherMethod.Combine([double.NaN]));
    }
}
