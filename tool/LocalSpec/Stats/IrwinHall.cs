using System.Numerics;

namespace LocalSpec.Stats;

/// <summary>
/// The Irwin–Hall distribution: the sum of R independent uniforms on [0, 1]. Its CDF at R·(mean)
/// is the Bates CDF of the mean, which combines replicate p-values (METHOD.md §7.5).
/// </summary>
public static class IrwinHall
{
    /// <summary>
    /// Fractional bits kept of s before the exact sum. Rounding s by δ ≤ 2^−129 changes F_R(s) by
    /// at most f_R(s)·δ, and f_R/F_R ≤ R for s ≥ 1 (F_R is log-concave, so f/F decreases from its
    /// value R/s on [0, 1]): a relative error ≤ R·2^−129, far below a double's 2^−53.
    /// </summary>
    private const int FractionBits = 128;

    /// <summary>F_R(s) = P(U_1 + … + U_R ≤ s) for R = <paramref name="count"/> ≥ 1 and any s (0 below 0, 1 above R).</summary>
    public static PValue Cdf(int count, double s)
    {
        // Input validation
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "the number of uniforms must be at least 1");
        if (double.IsNaN(s)) throw new ArgumentOutOfRangeException(nameof(s), s, "s must be a number");

        // Main algorithm
        if (s <= 0) return PValue.FromP(0);
        if (s >= count) return PValue.One;
        if (s < 1) return LowerCorner(count, Math.Log(s));
        return Exact(count, Dyadic.Sum([s], FractionBits));
    }

    /// <summary>F_R(Σ p_i) for the p-values of R replicates, with the sum formed exactly (or in log space when it is below 1).</summary>
    internal static PValue CdfOfSum(IReadOnlyList<PValue> pValues)
    {
        int count = pValues.Count;
        double lnSum = LogSpace.LogSumExp(pValues.Select(p => p.LnP));
        if (double.IsNegativeInfinity(lnSum)) return PValue.FromP(0);
        if (lnSum < 0) return LowerCorner(count, lnSum);

        var values = new double[count];
        for (int i = 0; i < count; i++) values[i] = pValues[i].P;
        var (numerator, exponent) = Dyadic.Sum(values, FractionBits);
        if (numerator >= (new BigInteger(count) << exponent)) return PValue.One;
        return Exact(count, (numerator, exponent));
    }

    /// <summary>On 0 &lt; s &lt; 1 only the k = 0 term is present: F_R(s) = s^R / R!, taken in log space so it never underflows.</summary>
    private static PValue LowerCorner(int count, double lnS) =>
        PValue.FromLn(count * lnS - PoissonTerm.LogFactorial(count));

    /// <summary>
    /// F_R(s) = (1/R!) Σ_{k=0}^{⌊s⌋} (−1)^k C(R, k) (s − k)^R (the paper's footnote 6 with the CDF's
    /// exponent R), for s = N/2^E in [1, R), in exact integer arithmetic: the alternating sum
    /// cancels catastrophically in floating point (terms ~ R^R/R! against a result that can be 1/R!).
    /// Above s = R/2 the symmetry F_R(s) = 1 − F_R(R − s) keeps the sum on the short side.
    /// </summary>
    private static PValue Exact(int count, (BigInteger Numerator, int Exponent) s)
    {
        BigInteger one = BigInteger.One << s.Exponent;             // 1 in units of 2^−E
        BigInteger numerator = s.Numerator;
        bool upper = 2 * numerator > count * one;
        if (upper) numerator = count * one - numerator;

        BigInteger sum = BigInteger.Zero;
        BigInteger binomial = BigInteger.One;                      // C(R, k)
        for (int k = 0; numerator - k * one > 0; k++)
        {
            BigInteger term = binomial * BigInteger.Pow(numerator - k * one, count);
            sum += k % 2 == 0 ? term : -term;
            binomial = binomial * (count - k) / (k + 1);
        }

        BigInteger denominator = BigInteger.Pow(one, count) * Factorial(count);
        if (upper)
        {
            // F = 1 − c with c = sum/denominator: ln F = ln(1 − c) keeps its digits when F rounds to 1.
            double complement = Dyadic.Ratio(sum, denominator);
            return PValue.FromParts(Dyadic.Ratio(denominator - sum, denominator), LogSpace.Log1P(-complement));
        }
        double p = Dyadic.Ratio(sum, denominator);
        return p >= PValue.MinNormal ? PValue.FromP(p) : PValue.FromLn(Dyadic.LogRatio(sum, denominator));
    }

    private static BigInteger Factorial(int n)
    {
        BigInteger f = BigInteger.One;
        for (int i = 2; i <= n; i++) f *= i;
        return f;
    }
}
