using LocalSpec.Stats;

namespace LocalSpec.Tests.Stats;

public sealed class PoissonTermTests
{
    [Fact]
    public void Log_factorial_matches_the_exact_factorial_where_it_is_a_double()
    {
        double factorial = 1;
        for (int n = 1; n <= 170; n++)
        {
            factorial *= n; // exact to n = 22, then correctly rounded products: relative error ≤ n·2^−53
            StatsFixture.Relative(Math.Log(factorial), PoissonTerm.LogFactorial(n), n <= 22 ? 1e-15 : 2e-15, $"ln {n}!");
        }
    }

    [Fact]
    public void Stirling_error_is_continuous_where_the_method_switches()
    {
        // n ≤ 15 uses the exact factorial, n > 15 the series in four truncations; every branch must
        // agree with the first three series terms to within the fourth, 1/(1680n⁷) (plus the
        // factorial branch's rounding, a few ulps of (n + ½) ln n ≈ 1e-14).
        foreach (int n in new[] { 10, 15, 16, 35, 36, 80, 81, 500, 501 })
        {
            double series = 1.0 / (12.0 * n) - 1.0 / (360.0 * n * n * n) + 1.0 / (1260.0 * Math.Pow(n, 5));
            double error = Math.Abs(PoissonTerm.StirlingError(n) - series);
            Assert.True(error < 1.0 / (1680.0 * Math.Pow(n, 7)) + 1e-14, $"n = {n}: off by {error:E2}");
        }
    }

    [Fact]
    public void Log_pmf_matches_the_direct_formula_where_that_is_accurate()
    {
        foreach (double lambda in new[] { 0.3, 1, 7.5, 40 })
            for (int k = 0; k <= 30; k++)
            {
                double direct = k * Math.Log(lambda) - lambda - PoissonTerm.LogFactorial(k);
                Assert.True(Math.Abs(direct - PoissonTerm.LogPmf(k, lambda)) <= 1e-13 * Math.Max(1, Math.Abs(direct)), $"k {k}, λ {lambda}");
            }
    }

    [Fact]
    public void Poisson_probabilities_sum_to_one()
    {
        foreach (double lambda in new[] { 0.01, 3, 250, 1e4 })
        {
            double sum = 0;
            for (int k = 0; k < (int)(lambda + 40 * Math.Sqrt(lambda) + 50); k++) sum += Math.Exp(PoissonTerm.LogPmf(k, lambda));
            Assert.True(Math.Abs(sum - 1) < 1e-13, $"λ {lambda}: Σ pmf = {sum:R}");
        }
    }
}
