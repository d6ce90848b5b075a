namespace LocalSpec.Tests.Stats;

/// <summary>Kolmogorov–Smirnov distances and their asymptotic critical values, for the null simulations.</summary>
internal static class KolmogorovSmirnov
{
    /// <summary>D = sup_t |ECDF(t) − F(t)| and D⁺ = sup_t (ECDF(t) − F(t)) against a continuous CDF F.</summary>
    public static (double D, double DPlus) Distance(double[] sample, Func<double, double> cdf)
    {
        double[] x = [.. sample.Order()];
        int n = x.Length;
        double d = 0, dPlus = 0;
        for (int i = 0; i < n; i++)
        {
            double f = cdf(x[i]);
            dPlus = Math.Max(dPlus, (i + 1.0) / n - f);
            d = Math.Max(d, Math.Max((i + 1.0) / n - f, f - (double)i / n));
        }
        return (d, dPlus);
    }

    /// <summary>
    /// sup_t |ECDF(t) − F(t)| against a discrete distribution given by all its equally likely
    /// outcomes (an exact enumeration). Both are right-continuous step functions, so comparing them
    /// at every point of either support attains the supremum.
    /// </summary>
    public static double DistanceToEnumeration(double[] sample, double[] outcomes)
    {
        double[] a = [.. sample.Order()], b = [.. outcomes.Order()];
        int i = 0, j = 0;
        double d = 0;
        while (i < a.Length || j < b.Length)
        {
            double t = j >= b.Length || (i < a.Length && a[i] <= b[j]) ? a[i] : b[j];
            while (i < a.Length && a[i] <= t) i++;
            while (j < b.Length && b[j] <= t) j++;
            d = Math.Max(d, Math.Abs((double)i / a.Length - (double)j / b.Length));
        }
        return d;
    }

    /// <summary>Two-sided critical value at level α for sample size n, from the Kolmogorov limit: sqrt(−ln(α/2)/2)/√n.</summary>
    public static double Critical(double alpha, int n) => Math.Sqrt(-Math.Log(alpha / 2) / 2) / Math.Sqrt(n);

    /// <summary>One-sided (D⁺) critical value at level α: sqrt(−ln(α)/2)/√n (Smirnov).</summary>
    public static double CriticalOneSided(double alpha, int n) => Math.Sqrt(-Math.Log(alpha) / 2) / Math.Sqrt(n);
}
