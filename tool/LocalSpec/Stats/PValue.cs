namespace LocalSpec.Stats;

/// <summary>
/// A probability carried both as a double and as its natural logarithm, so that p-values far
/// below the double range (Fisher p of a network with many strongly specialized subclusters,
/// METHOD.md §7.4) stay finite and comparable as <see cref="LnP"/> while <see cref="P"/> is 0,
/// and so that ln p keeps its relative precision near p = 1, where ln(P) of the rounded P would
/// not. Made from a logarithm, P = exp(LnP); made from a probability, LnP = ln P.
/// default(PValue) (P = 0 with ln P = 0) is not a valid value: use the factories.
/// </summary>
public readonly record struct PValue
{
    private const double Ln10 = 2.302585092994045684;

    /// <summary>The smallest positive normal double, 2^−1022.</summary>
    public const double MinNormal = 2.2250738585072014E-308;

    private PValue(double p, double lnP)
    {
        P = p;
        LnP = lnP;
    }

    /// <summary>The probability, in [0, 1]; 0 (or subnormal, with lost digits) below the normal double range.</summary>
    public double P { get; }

    /// <summary>ln P, in [−∞, 0]; finite whenever the probability is not exactly 0.</summary>
    public double LnP { get; }

    /// <summary>log₁₀ P, for reports ("p = 10^−412").</summary>
    public double Log10P => LnP / Ln10;

    /// <summary>True when P alone cannot represent the value to full relative precision (zero or subnormal).</summary>
    public bool IsBelowDoubleRange => P < MinNormal;

    public static PValue FromP(double p)
    {
        if (!(p >= 0 && p <= 1))
            throw new ArgumentOutOfRangeException(nameof(p), p, "a p-value must be a number in [0, 1]");
        return new PValue(p, Math.Log(p));
    }

    public static PValue FromLn(double lnP)
    {
        if (!(lnP <= 0))
            throw new ArgumentOutOfRangeException(nameof(lnP), lnP, "the log of a p-value must be a number ≤ 0");
        return new PValue(Math.Exp(lnP), lnP);
    }

    public static PValue FromLog10(double log10P)
    {
        if (!(log10P <= 0))
            throw new ArgumentOutOfRangeException(nameof(log10P), log10P, "the log10 of a p-value must be a number ≤ 0");
        return FromLn(log10P * Ln10);
    }

    /// <summary>Both parts computed separately by a caller that knows each to full precision (not checked to agree).</summary>
    internal static PValue FromParts(double p, double lnP)
    {
        if (!(p >= 0 && p <= 1) || !(lnP <= 0))
            throw new ArgumentOutOfRangeException(nameof(p), p, "a p-value must be in [0, 1] with ln p ≤ 0");
        return new PValue(p, lnP);
    }

    public static PValue One => new(1, 0);

    /// <summary>False only for default(PValue), the one state the factories never make.</summary>
    internal bool IsValid => !(P == 0 && LnP == 0);

    public override string ToString() =>
        IsBelowDoubleRange && LnP > double.NegativeInfinity
            ? FormattableString.Invariant($"p = 10^{Log10P:0.###}")
            : FormattableString.Invariant($"p = {P:R}");
}
