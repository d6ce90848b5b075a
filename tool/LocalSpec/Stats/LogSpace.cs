namespace LocalSpec.Stats;

/// <summary>Logarithms that keep their relative precision where the naive formula does not.</summary>
internal static class LogSpace
{
    /// <summary>
    /// ln(1 + x) for x &gt; −1 to a few ulps, by Goldberg's correction (What Every Computer Scientist
    /// Should Know About Floating-Point Arithmetic, Theorem 4): with u = fl(1 + x), ln(1 + x) = x · ln(u)/(u − 1).
    /// </summary>
    public static double Log1P(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    /// <summary>ln Σ exp(values), without overflow or underflow; −∞ when every value is −∞.</summary>
    public static double LogSumExp(IEnumerable<double> values)
    {
        double max = double.NegativeInfinity;
        foreach (double v in values) max = Math.Max(max, v);
        if (double.IsNegativeInfinity(max)) return max;
        double scaled = 0;
        foreach (double v in values) scaled += Math.Exp(v - max);
        return max + Math.Log(scaled);
    }
}
