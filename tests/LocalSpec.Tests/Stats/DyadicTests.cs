using System.Numerics;
using LocalSpec.Numerics;
using LocalSpec.Stats;

namespace LocalSpec.Tests.Stats;

public sealed class DyadicTests
{
    [Fact]
    public void Ratio_of_exact_double_integers_equals_IEEE_division()
    {
        // Numerator and denominator below 2^53 are exact doubles, and IEEE division rounds correctly.
        var rng = new Rng(12);
        for (int i = 0; i < 20000; i++)
        {
            long a = (long)(rng.NextUInt64() >> (11 + rng.NextInt(50)));
            long b = 1 + (long)(rng.NextUInt64() >> (11 + rng.NextInt(50)));
            Assert.Equal((double)a / b, Dyadic.Ratio(a, b));
        }
    }

    [Fact]
    public void Ratio_rounds_into_the_subnormal_range_half_to_even()
    {
        BigInteger two1074 = BigInteger.One << 1074;
        Assert.Equal(double.Epsilon, Dyadic.Ratio(1, two1074));
        Assert.Equal(0, Dyadic.Ratio(1, two1074 * 2));                  // exactly half the smallest subnormal: to even (0)
        Assert.Equal(double.Epsilon, Dyadic.Ratio(3, two1074 * 4));      // 0.75 ulp
        Assert.Equal(2 * double.Epsilon, Dyadic.Ratio(3, two1074 * 2)); // 1.5 ulp: to even (2)
        Assert.Equal(0, Dyadic.Ratio(1, BigInteger.One << 5000));
        Assert.Equal(PValue.MinNormal, Dyadic.Ratio(1, BigInteger.One << 1022));
    }

    [Fact]
    public void Split_and_sum_are_exact()
    {
        var (m, e) = Dyadic.Split(0.1);
        Assert.Equal(0.1, (double)m * Math.Pow(2, e));
        Assert.Equal((BigInteger.One, -1074), Dyadic.Split(double.Epsilon));
        var (sum, exponent) = Dyadic.Sum([1.0, Math.Pow(2, -60), 3.0], 128);
        Assert.Equal(60, exponent);
        Assert.Equal((BigInteger.One << 62) + 1, sum);
        // Rounded to 10 fractional bits: 2^−60 disappears and 0.75 = 3/2^2 is left in lowest terms.
        Assert.Equal(((BigInteger)3, 2), Dyadic.Sum([0.5, 0.25, Math.Pow(2, -60)], 10));
        Assert.Equal(((BigInteger)1, 10), Dyadic.Sum([Math.Pow(2, -11) + Math.Pow(2, -40)], 10)); // just above half a unit: up
        Assert.Equal((BigInteger.Zero, 0), Dyadic.Sum([0.0, 0.0], 10));
    }
}
