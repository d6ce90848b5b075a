using LocalSpec.Stats;

namespace LocalSpec.Tests.Stats;

public sealed class PValueTests
{
    [Fact]
    public void A_p_value_carries_its_logarithms()
    {
        var p = PValue.FromP(0.001);
        Assert.Equal(Math.Log(0.001), p.LnP);
        Assert.Equal(-3, p.Log10P, 14);
        Assert.False(p.IsBelowDoubleRange);
        Assert.Equal("p = 0.001", p.ToString());
    }

    [Fact]
    public void A_p_value_below_the_double_range_keeps_its_logarithm()
    {
        var p = PValue.FromLog10(-412.5);
        Assert.Equal(0, p.P);
        Assert.True(p.IsBelowDoubleRange);
        Assert.Equal(-412.5, p.Log10P, 12);
        Assert.Equal("p = 10^-412.5", p.ToString());
    }

    [Fact]
    public void A_logarithm_near_zero_keeps_its_digits()
    {
        var p = PValue.FromLn(-1e-20);
        Assert.Equal(1.0, p.P);
        Assert.Equal(-1e-20, p.LnP);
    }

    [Fact]
    public void Values_outside_the_unit_interval_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PValue.FromP(1.0000001));
        Assert.Throws<ArgumentOutOfRangeException>(() => PValue.FromP(-0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => PValue.FromP(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => PValue.FromLn(0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => PValue.FromLog10(double.NaN));
    }
}
