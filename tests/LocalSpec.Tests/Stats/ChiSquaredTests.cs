using LocalSpec.Numerics;
using LocalSpec.Stats;

namespace LocalSpec.Tests.Stats;

public sealed class ChiSquaredTests
{
    [Fact]
    public void Survival_matches_mpmath_to_1e_12_everywhere_on_the_grid_including_far_below_the_double_range()
    {
        int checkedCases = 0, belowRange = 0;
        foreach (var c in StatsFixture.Load("chi2_sf.json").GetProperty("cases").EnumerateArray())
        {
            int df = c.GetProperty("df").GetInt32();
            double x = c.GetProperty("x").GetDouble();
            var mp = c.GetProperty("mp");
            var actual = ChiSquared.Survival(df, x);
            StatsFixture.Probability(c.GetProperty("mp_sf").GetDouble(), mp.GetProperty("ln").GetDouble(), actual, 1e-12, $"chi2.sf({x}, {df})");
            StatsFixture.Relative(mp.GetProperty("log10").GetDouble(), actual.Log10P, 1e-12, $"chi2 log10 sf({x}, {df})");
            checkedCases++;
            if (actual.P == 0) belowRange++;
        }
        Assert.True(checkedCases > 100, $"only {checkedCases} cases");
        Assert.True(belowRange > 10, $"only {belowRange} cases below the double range");
    }

    [Fact]
    public void Survival_matches_scipy_chi2_sf_and_logsf_where_scipy_is_finite()
    {
        // scipy's chdtrc (Cephes igamc) itself differs from mpmath by up to 4.4e-13 relative on
        // this grid (df = 2000, x = 4000), so 1e-12 here is scipy's accuracy, not ours. scipy 1.10's
        // logsf is log(sf): near p = 1 it carries the rounding of sf, an absolute error of about
        // 1.1e-16 in ln p, so that much is allowed on top.
        foreach (var c in StatsFixture.Load("chi2_sf.json").GetProperty("cases").EnumerateArray())
        {
            int df = c.GetProperty("df").GetInt32();
            double x = c.GetProperty("x").GetDouble();
            var actual = ChiSquared.Survival(df, x);
            double sf = c.GetProperty("scipy_sf").GetDouble();
            if (sf >= PValue.MinNormal) StatsFixture.Relative(sf, actual.P, 1e-12, $"scipy chi2.sf({x}, {df})");
            if (c.GetProperty("scipy_logsf").NullableDouble() is double logsf)
                Assert.True(Math.Abs(actual.LnP - logsf) <= 1e-12 * Math.Abs(logsf) + 2.3e-16,
                    $"scipy chi2.logsf({x}, {df}) = {logsf:R}, got {actual.LnP:R}");
        }
    }

    [Fact]
    public void Two_degrees_of_freedom_is_the_exponential_tail()
    {
        var rng = new Rng(3);
        for (int i = 0; i < 1000; i++)
        {
            double x = -20 * Math.Log(1 - rng.NextDouble());
            var p = ChiSquared.Survival(2, x);
            StatsFixture.Relative(-x / 2, p.LnP, 1e-14, $"ln sf({x}, 2)");
        }
    }

    [Fact]
    public void Far_tail_follows_the_leading_term_of_the_asymptotic_series()
    {
        // Q(a, y) = e^{−y} y^{a−1}/(a−1)! · (1 + (a−1)/y + …) for y ≫ a: at y = 1e8 the correction is ~1e-7.
        foreach (int a in new[] { 1, 5, 50 })
        {
            double y = 1e8;
            double leading = -y + (a - 1) * Math.Log(y) - LogFactorial(a - 1);
            var p = ChiSquared.Survival(2 * a, 2 * y);
            Assert.Equal(0, p.P);
            Assert.InRange(p.LnP - leading, 0, 1e-6 * a);
        }
    }

    [Fact]
    public void Survival_decreases_in_x_and_increases_in_the_degrees_of_freedom()
    {
        foreach (int df in new[] { 2, 10, 38, 200 })
        {
            double previous = double.NegativeInfinity;
            for (double x = 1000; x >= 0; x -= 0.5)
            {
                double ln = ChiSquared.Survival(df, x).LnP;
                Assert.True(ln >= previous, $"df {df}: ln sf({x}) = {ln} < ln sf({x + 0.5}) = {previous}");
                previous = ln;
            }
        }
        Assert.True(ChiSquared.Survival(40, 50).P > ChiSquared.Survival(38, 50).P);
    }

    [Fact]
    public void Survival_is_one_at_and_below_zero_and_zero_at_infinity()
    {
        Assert.Equal(PValue.One, ChiSquared.Survival(4, 0));
        Assert.Equal(PValue.One, ChiSquared.Survival(4, -3));
        var infinite = ChiSquared.Survival(4, double.PositiveInfinity);
        Assert.Equal(0, infinite.P);
        Assert.Equal(double.NegativeInfinity, infinite.LnP);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(-2)]
    public void Odd_or_non_positive_degrees_of_freedom_are_rejected(int df)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ChiSquared.Survival(df, 1));
        Assert.Contains("even", e.Message);
    }

    [Fact]
    public void Nan_is_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ChiSquared.Survival(4, double.NaN));

    private static double LogFactorial(int n)
    {
        double s = 0;
        for (int i = 2; i <= n; i++) s += Math.Log(i);
        return s;
    }
}
