namespace LocalSpec.Stats;

/// <summary>
/// ln of the Poisson probability e^{−λ} λ^k / k!, evaluated by Loader's saddle-point form
/// (C. Loader, "Fast and accurate computation of binomial probabilities", 2000; the algorithm of
/// R's dpois_raw): ln pmf = −stirlerr(k) − bd0(k, λ) − ½ ln(2πk). Written this way the large,
/// nearly cancelling pieces k ln λ, λ and ln k! never meet, so the absolute error of the log is a
/// few ulps of max(1, |ln pmf|) instead of a few ulps of k ln k.
/// </summary>
internal static class PoissonTerm
{
    private const double HalfLn2Pi = 0.918938533204672741780329736406;

    /// <summary>ln(e^{−λ} λ^k / k!) for integer k ≥ 0 and finite λ &gt; 0.</summary>
    public static double LogPmf(int k, double lambda)
    {
        if (k == 0) return -lambda;
        return -StirlingError(k) - DevianceTerm(k, lambda) - HalfLn2Pi - 0.5 * Math.Log(k);
    }

    /// <summary>ln n! for integer n ≥ 0, through the same Stirling correction.</summary>
    public static double LogFactorial(int n)
    {
        if (n <= 1) return 0;
        return (n + 0.5) * Math.Log(n) - n + HalfLn2Pi + StirlingError(n);
    }

    /// <summary>stirlerr(n) = ln n! − [(n + ½) ln n − n + ½ ln 2π], the error of Stirling's formula, for n ≥ 1.</summary>
    internal static double StirlingError(int n)
    {
        // Series 1/(12n) − 1/(360n³) + 1/(1260n⁵) − 1/(1680n⁷) + 1/(1188n⁹) (Loader's S0..S4) for n > 15,
        // truncated where the next term is below an ulp; below that, from the exact factorial
        // (n! ≤ 15! < 2^53 is an exact double, so only the final subtraction rounds).
        const double s0 = 1.0 / 12, s1 = 1.0 / 360, s2 = 1.0 / 1260, s3 = 1.0 / 1680, s4 = 1.0 / 1188;
        if (n <= 15)
        {
            double factorial = 1;
            for (int i = 2; i <= n; i++) factorial *= i;
            return Math.Log(factorial) - (n + 0.5) * Math.Log(n) + n - HalfLn2Pi;
        }
        double nn = (double)n * n;
        if (n > 500) return (s0 - s1 / nn) / n;
        if (n > 80) return (s0 - (s1 - s2 / nn) / nn) / n;
        if (n > 35) return (s0 - (s1 - (s2 - s3 / nn) / nn) / nn) / n;
        return (s0 - (s1 - (s2 - (s3 - s4 / nn) / nn) / nn) / nn) / n;
    }

    /// <summary>
    /// bd0(x, λ) = x ln(x/λ) + λ − x ≥ 0, the deviance term, by its series in v = (x − λ)/(x + λ)
    /// when x and λ are close (where the direct form cancels): bd0 = (x − λ)v + 2x Σ_{j≥1} v^{2j+1}/(2j + 1).
    /// </summary>
    internal static double DevianceTerm(double x, double lambda)
    {
        if (Math.Abs(x - lambda) < 0.1 * (x + lambda))
        {
            double v = (x - lambda) / (x + lambda);
            double s = (x - lambda) * v;
            double ej = 2 * x * v;
            double v2 = v * v;
            for (int j = 1; j < 1000; j++)
            {
                ej *= v2;
                double next = s + ej / (2 * j + 1);
                if (next == s) return next;
                s = next;
            }
            return s;
        }
        return x * Math.Log(x / lambda) + lambda - x;
    }
}
