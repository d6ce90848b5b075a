using System.Globalization;
using LocalSpec.Stats;

namespace LocalSpec.Reporting;

/// <summary>
/// How the report prints numbers, always in the invariant culture: Fisher statistics to 2
/// decimals, effect measures and their standard errors to 3 (as the paper's tables), p-values with
/// at most two significant digits down to 0.001 and below that in scientific form with one (<c>2e-17</c>,
/// as the paper), computed from log₁₀ p so that values below the double range still print.
/// </summary>
public static class ReportNumbers
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Below this a p-value is printed in scientific form.</summary>
    public const double ScientificBelow = 0.001;

    public static string Fisher(double f) => Fixed(f, "0.00");

    public static string Effect(double e) => Fixed(e, "0.000");

    /// <summary>"1.123 ± 0.058", or just the mean when the standard error is undefined (one subcluster).</summary>
    public static string EffectWithError(EffectSummary effect, string plusMinus = " ± ") =>
        effect.StandardError is double se ? Effect(effect.Mean) + plusMinus + Effect(se) : Effect(effect.Mean);

    /// <summary>"0.82", "0.063", "0.0021", "0.5", "1", "2e-17", "3e-412" (below the double range), "0" for p = 0 exactly.</summary>
    public static string P(PValue p)
    {
        if (double.IsNegativeInfinity(p.LnP)) return "0";
        if (!p.IsBelowDoubleRange && p.P >= ScientificBelow)
            return TwoSignificant(p.P);
        (int mantissa, int exponent) = Scientific(p.Log10P);
        return mantissa.ToString(Invariant) + "e" + exponent.ToString(Invariant);
    }

    /// <summary>A p-value as read from the paper's CSV ("1e-17", "0.82").</summary>
    public static string P(double p) => P(PValue.FromP(p));

    /// <summary>−log₁₀ p to one decimal, for the heatmap.</summary>
    public static string MinusLog10P(PValue p) =>
        double.IsNegativeInfinity(p.LnP) ? "inf" : Fixed(-p.Log10P, "0.0");

    /// <summary>Plain numbers such as α: shortest round-trip, invariant.</summary>
    public static string Plain(double x) => x.ToString("R", Invariant);

    /// <summary>One significant digit: log₁₀ p = e + log₁₀ m with m rounded to 1..9.</summary>
    private static (int Mantissa, int Exponent) Scientific(double log10P)
    {
        int exponent = (int)Math.Floor(log10P);
        int mantissa = (int)Math.Round(Math.Pow(10, log10P - exponent), MidpointRounding.AwayFromZero);
        if (mantissa >= 10)
        {
            mantissa = 1;
            exponent++;
        }
        return (Math.Max(mantissa, 1), exponent);
    }

    private static string TwoSignificant(double p)
    {
        // Two significant digits without exponent: p in [0.001, 1] needs at most 4 decimals.
        double rounded = Math.Round(p, Decimals(p), MidpointRounding.AwayFromZero);
        // Trailing zeros dropped, as the paper prints its p-values (0.001, 0.5, 1).
        return rounded.ToString("0.####", Invariant);

        static int Decimals(double x) => Math.Clamp(1 - (int)Math.Floor(Math.Log10(x)), 1, 4);
    }

    private static string Fixed(double x, string format)
    {
        string s = x.ToString(format, Invariant);
        // −0.00 reads as a negative number: a value that rounds to zero prints as zero.
        return s.StartsWith('-') && s.Trim('-', '0', '.').Length == 0 ? s[1..] : s;
    }
}
