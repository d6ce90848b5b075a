using System.Numerics;

namespace LocalSpec.Stats;

/// <summary>
/// Exact arithmetic on binary fractions N / 2^E (every finite double is one), and correctly
/// rounded conversion of exact rationals back to double, for <see cref="IrwinHall"/>.
/// </summary>
internal static class Dyadic
{
    /// <summary>x = mantissa · 2^exponent exactly, for finite x ≥ 0 (mantissa 0 for x = 0).</summary>
    public static (BigInteger Mantissa, int Exponent) Split(double x)
    {
        long bits = BitConverter.DoubleToInt64Bits(x);
        int biased = (int)((bits >> 52) & 0x7FF);
        long fraction = bits & 0xFFFFFFFFFFFFFL;
        return biased == 0
            ? (fraction, -1074)
            : (fraction | (1L << 52), biased - 1075);
    }

    /// <summary>
    /// Σ values exactly, as N / 2^E with E ≥ 0 as small as possible, then rounded to at most
    /// <paramref name="maxFractionBits"/> fractional bits (round half up). All values finite and ≥ 0.
    /// </summary>
    public static (BigInteger Numerator, int Exponent) Sum(ReadOnlySpan<double> values, int maxFractionBits)
    {
        int minExponent = 0;
        foreach (double v in values)
        {
            var (mantissa, exponent) = Split(v);
            if (!mantissa.IsZero) minExponent = Math.Min(minExponent, exponent);
        }
        BigInteger sum = BigInteger.Zero;
        foreach (double v in values)
        {
            var (mantissa, exponent) = Split(v);
            sum += mantissa << (exponent - minExponent);
        }
        int e = -minExponent;
        if (e > maxFractionBits)
        {
            int drop = e - maxFractionBits;
            sum = (sum + (BigInteger.One << (drop - 1))) >> drop;
            e = maxFractionBits;
        }
        int trailing = sum.IsZero ? e : (int)Math.Min(e, (long)BigInteger.TrailingZeroCount(sum));
        return (sum >> trailing, e - trailing);
    }

    /// <summary>numerator / denominator correctly rounded to double (0 below the subnormal range), for 0 ≤ numerator, denominator &gt; 0.</summary>
    public static double Ratio(BigInteger numerator, BigInteger denominator)
    {
        if (numerator.IsZero) return 0;
        // Scale so that the integer quotient has 64–65 significant bits, then let the remainder
        // break the rounding tie: the quotient's low bit becomes a sticky bit.
        long shift = 64 - (numerator.GetBitLength() - denominator.GetBitLength());
        BigInteger scaledNumerator = shift >= 0 ? numerator << (int)shift : numerator;
        BigInteger scaledDenominator = shift >= 0 ? denominator : denominator << (int)-shift;
        BigInteger quotient = BigInteger.DivRem(scaledNumerator, scaledDenominator, out BigInteger remainder);
        quotient = (quotient << 1) | (remainder.IsZero ? BigInteger.Zero : BigInteger.One);
        return ScaleRounded(quotient, -(shift + 1));
    }

    /// <summary>ln(numerator / denominator) for positive arguments, to a few ulps.</summary>
    public static double LogRatio(BigInteger numerator, BigInteger denominator) =>
        BigInteger.Log(numerator) - BigInteger.Log(denominator);

    /// <summary>q · 2^scale correctly rounded (half to even) to double, including the subnormal range.</summary>
    private static double ScaleRounded(BigInteger q, long scale)
    {
        long bitLength = q.GetBitLength();
        long topExponent = bitLength - 1 + scale;        // value in [2^top, 2^(top+1))
        long keepBits = topExponent >= -1022 ? 53 : 53 - (-1022 - topExponent);
        if (keepBits <= 0)
        {
            // Below half the smallest subnormal, or just above it (round to 0 or 2^−1074).
            return keepBits == 0 && q > (BigInteger.One << (int)(bitLength - 1)) ? double.Epsilon : 0;
        }
        int drop = (int)(bitLength - keepBits);
        if (drop > 0)
        {
            BigInteger half = BigInteger.One << (drop - 1);
            BigInteger rest = q & ((BigInteger.One << drop) - 1);
            q >>= drop;
            if (rest > half || (rest == half && !q.IsEven)) q += 1;
            scale += drop;
        }
        return Math.ScaleB((double)q, (int)scale);
    }
}
