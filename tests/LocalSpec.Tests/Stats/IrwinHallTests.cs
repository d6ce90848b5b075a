using LocalSpec.Numerics;
using LocalSpec.Stats;

namespace LocalSpec.Tests.Stats;

public sealed class IrwinHallTests
{
    [Fact]
    public void Cdf_matches_exact_rational_values_for_R_1_to_5_and_10_20_50()
    {
        // fixtures/stats/irwin_hall.json: Python fractions.Fraction, rounded once; below the
        // double range only ln is compared. 1e-13 relative: the exact branch (s ≥ 1) is correctly
        // rounded, the s < 1 branch is exp(R ln s − ln R!) with a few ulps of |ln F| ≤ 700.
        int cases = 0;
        foreach (var c in StatsFixture.Load("irwin_hall.json").GetProperty("cdf").EnumerateArray())
        {
            int r = c.GetProperty("r").GetInt32();
            double s = c.GetProperty("s").GetDouble();
            double p = c.GetProperty("p").GetDouble();
            var actual = IrwinHall.Cdf(r, s);
            if (c.GetProperty("ln").NullableDouble() is double ln) StatsFixture.Probability(p, ln, actual, 1e-13, $"F_{r}({s:R})");
            else Assert.Equal(0, actual.P);
            if (s >= 1 && p >= PValue.MinNormal) Assert.Equal(p, actual.P); // exact arithmetic, one rounding
            cases++;
        }
        Assert.True(cases > 150);
    }

    [Fact]
    public void One_uniform_has_cdf_x()
    {
        var rng = new Rng(5);
        for (int i = 0; i < 200; i++)
        {
            double x = rng.NextDouble();
            StatsFixture.Relative(x, IrwinHall.Cdf(1, x).P, 1e-15, $"F_1({x})");
        }
        Assert.Equal(1.0, IrwinHall.Cdf(1, 1).P);
    }

    [Fact]
    public void Cdf_is_symmetric_about_half_of_R()
    {
        var rng = new Rng(8);
        foreach (int r in new[] { 2, 5, 13, 50 })
            for (int i = 0; i < 50; i++)
            {
                double s = r * rng.NextDouble();
                double sum = IrwinHall.Cdf(r, s).P + IrwinHall.Cdf(r, r - s).P;
                Assert.True(Math.Abs(sum - 1) < 1e-15, $"R {r}, s {s}: F(s) + F(R − s) = {sum:R}");
            }
    }

    [Fact]
    public void Cdf_agrees_with_the_naive_alternating_sum_where_that_sum_is_well_conditioned()
    {
        // For R ≤ 4 the terms are at most 4^4/4! ≈ 10, so double arithmetic loses only ~1e-14.
        for (int r = 1; r <= 4; r++)
            for (double s = 0.05; s < r; s += 0.0625)
            {
                double naive = 0, binomial = 1, factorial = 1;
                for (int k = 1; k <= r; k++) factorial *= k;
                for (int k = 0; k <= Math.Floor(s); k++)
                {
                    naive += (k % 2 == 0 ? 1 : -1) * binomial * Math.Pow(s - k, r);
                    binomial = binomial * (r - k) / (k + 1);
                }
                naive /= factorial;
                Assert.True(Math.Abs(naive - IrwinHall.Cdf(r, s).P) < 1e-13, $"R {r}, s {s}");
            }
    }

    [Fact]
    public void Cdf_for_50_uniforms_stays_exact_where_the_alternating_sum_cancels_catastrophically()
    {
        // At s = 48.5 the terms reach C(50, 25)·23.5^50 ≈ 1e83 against a result of 1·50! ≈ 3e64:
        // the naive double sum is off by billions. F_50(48.5) = 1 − F_50(1.5), and F_50(1.5) =
        // 2.096467239661543e-56 exactly rounded (fixtures/stats/irwin_hall.json), so ln F = −2.0965e-56.
        double naive = 0, binomial = 1, factorial = 1;
        for (int k = 1; k <= 50; k++) factorial *= k;
        for (int k = 0; k <= 48; k++)
        {
            naive += (k % 2 == 0 ? 1 : -1) * binomial * Math.Pow(48.5 - k, 50);
            binomial = binomial * (50 - k) / (k + 1);
        }
        naive /= factorial;
        Assert.True(Math.Abs(naive - 1) > 1, $"the naive sum was expected to fail here (got {naive:R}); the test no longer shows the cancellation");

        var exact = IrwinHall.Cdf(50, 48.5);
        Assert.Equal(1.0, exact.P);
        StatsFixture.Relative(-2.096467239661543e-56, exact.LnP, 1e-13, "ln F_50(48.5)");
        StatsFixture.Relative(2.096467239661543e-56, IrwinHall.Cdf(50, 1.5).P, 1e-15, "F_50(1.5)");
    }

    [Fact]
    public void Cdf_increases_with_s()
    {
        foreach (int r in new[] { 3, 7, 50 })
        {
            double previous = -1;
            for (double s = 0; s <= r; s += r / 997.0)
            {
                double ln = IrwinHall.Cdf(r, s).LnP;
                Assert.True(ln >= previous || previous == -1, $"R {r}, s {s}");
                previous = ln;
            }
        }
    }

    [Fact]
    public void Cdf_is_zero_at_and_below_zero_and_one_at_and_above_R()
    {
        Assert.Equal(0, IrwinHall.Cdf(5, 0).P);
        Assert.Equal(0, IrwinHall.Cdf(5, -1).P);
        Assert.Equal(1, IrwinHall.Cdf(5, 5).P);
        Assert.Equal(1, IrwinHall.Cdf(5, 7).P);
        Assert.Throws<ArgumentOutOfRangeException>(() => IrwinHall.Cdf(0, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => IrwinHall.Cdf(3, double.NaN));
    }
}
