namespace LocalSpec.Stats;

/// <summary>The regularised upper incomplete gamma function for integer shape, in log space.</summary>
internal static class IncompleteGamma
{
    /// <summary>Relative size below which a term no longer changes a sum of positive, decreasing terms.</summary>
    private const double Negligible = 1e-18;

    /// <summary>
    /// ln Q(a, y) for integer a ≥ 1 and y ≥ 0, where Q(a, y) = Γ(a, y)/Γ(a) = Σ_{k=0}^{a−1} e^{−y} y^k / k!
    /// (the closed form for integer a: Q(a, y) = P(Poisson(y) ≤ a − 1)).
    /// </summary>
    /// <remarks>
    /// All terms are positive, so neither sum below cancels. When Q is near 1 (y &lt; a and the
    /// complement T = P(Poisson(y) ≥ a) &lt; ½), ln Q = ln(1 − T) with T summed directly keeps ln Q
    /// to relative precision. Otherwise Q is summed relative to its largest term; nothing
    /// underflows, so ln Q stays finite far below 1e-308. The error is then a few ulps of max(1, y)
    /// in ln Q, the conditioning of Q itself (d ln Q / d ln y ≈ −y in the far tail).
    /// </remarks>
    public static double LogUpperRegularized(int a, double y)
    {
        if (a < 1) throw new ArgumentOutOfRangeException(nameof(a), a, "shape must be a positive integer");
        if (!(y >= 0)) throw new ArgumentOutOfRangeException(nameof(y), y, "argument must be ≥ 0");
        if (y == 0) return 0;
        if (double.IsPositiveInfinity(y)) return double.NegativeInfinity;
        if (y < a)
        {
            double logComplement = LogPoissonUpperTail(a, y);
            if (logComplement < -Math.Log(2)) return LogSpace.Log1P(-Math.Exp(logComplement));
        }
        return Math.Min(LogPoissonLowerSum(a, y), 0);
    }

    /// <summary>
    /// ln Σ_{k=0}^{a−1} t_k, t_k = e^{−y} y^k/k!, relative to the largest term t_j (j = min(a − 1, ⌊y⌋)):
    /// ln t_j from Loader's form, the rest by the ratios t_{k−1}/t_k = k/y and t_{k+1}/t_k = y/(k + 1).
    /// </summary>
    private static double LogPoissonLowerSum(int a, double y)
    {
        int mode = y >= a - 1 ? a - 1 : (int)Math.Floor(y);
        double sum = 1, term = 1;
        for (int k = mode; k > 0; k--)
        {
            term *= k / y;
            sum += term;
            if (term < sum * Negligible) break;
        }
        term = 1;
        for (int k = mode; k < a - 1; k++)
        {
            term *= y / (k + 1);
            sum += term;
            if (term < sum * Negligible) break;
        }
        return PoissonTerm.LogPmf(mode, y) + Math.Log(sum);
    }

    /// <summary>ln Σ_{k≥a} t_k for a &gt; y, where the terms decrease from k = a with ratios y/(k + 1) &lt; 1.</summary>
    private static double LogPoissonUpperTail(int a, double y)
    {
        double sum = 1, term = 1;
        for (long k = a; term >= sum * Negligible; k++)
        {
            term *= y / (k + 1);
            sum += term;
        }
        return PoissonTerm.LogPmf(a, y) + Math.Log(sum);
    }
}
