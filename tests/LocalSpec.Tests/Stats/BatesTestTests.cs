using LocalSpec.Stats;

namespace LocalSpec.Tests.Stats;

public sealed class BatesTestTests
{
    [Fact]
    public void Combined_p_matches_the_exact_Irwin_Hall_cdf_of_the_exact_sum()
    {
        foreach (var c in StatsFixture.Load("irwin_hall.json").GetProperty("bates").EnumerateArray())
        {
            string name = c.GetProperty("name").GetString()!;
            double[] p = c.GetProperty("p_values").Doubles();
            var result = BatesTest.Combine(p);
            Assert.Equal(p.Length, result.Count);
            StatsFixture.Relative(c.GetProperty("sum").GetDouble() / p.Length, result.MeanP, 1e-15, $"{name}: mean");
            StatsFixture.Probability(c.GetProperty("p").GetDouble(), c.GetProperty("ln").GetDouble(), result.PValue, 1e-13, name);
        }
    }

    [Fact]
    public void One_replicate_returns_its_own_p_value()
    {
        foreach (double p in new[] { 1e-300, 0.003, 0.5, 1 })
            StatsFixture.Relative(p, BatesTest.Combine([p]).PValue.P, 1e-13, $"R = 1, p = {p}");
    }

    [Fact]
    public void P_values_below_the_double_range_combine_through_their_logs()
    {
        // Five networks with Fisher p ≈ 10^−400 each: the sum is 5·10^−400 and
        // P = (5·10^−400)^5 / 5! = 10^(5·(log10 5 − 400)) / 120.
        var tiny = Enumerable.Repeat(PValue.FromLog10(-400), 5).ToArray();
        var result = BatesTest.Combine(tiny);
        Assert.Equal(0, result.PValue.P);
        double expected = 5 * (Math.Log10(5) - 400) - Math.Log10(120);
        StatsFixture.Relative(expected, result.PValue.Log10P, 1e-13, "log10 P");
    }

    [Fact]
    public void A_single_large_p_value_dominates_the_mean_unlike_in_Fisher()
    {
        // The paper's footnote 7: the Bates test is less sensitive to one low outlier.
        var bates = BatesTest.Combine([1e-12, 0.8, 0.7, 0.9, 0.6]);
        Assert.InRange(bates.PValue.P, 0.7, 0.8);
    }

    [Fact]
    public void Empty_input_or_p_values_outside_the_unit_interval_are_rejected()
    {
        Assert.Contains("no replicates", Assert.Throws<ArgumentException>(() => BatesTest.Combine(Array.Empty<double>())).Message);
        Assert.Contains("p-value 1", Assert.Throws<ArgumentOutOfRangeException>(() => BatesTest.Combine([0.5, 1.5])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => BatesTest.Combine([double.NaN]));
        Assert.Contains("default(PValue)", Assert.Throws<ArgumentException>(() => BatesTest.Combine(new PValue[] { PValue.One, default })).Message);
    }
}
