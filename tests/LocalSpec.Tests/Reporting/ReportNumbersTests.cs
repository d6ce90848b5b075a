using System.Globalization;
using LocalSpec.Reporting;
using LocalSpec.Stats;

namespace LocalSpec.Tests.Reporting;

public sealed class ReportNumbersTests
{
    [Theory]
    [InlineData(2.1349, "2.13")]
    [InlineData(0.98, "0.98")]
    [InlineData(1, "1.00")]
    [InlineData(-0.001, "0.00")]
    public void Fisher_statistics_have_two_decimals(double f, string expected) =>
        Assert.Equal(expected, ReportNumbers.Fisher(f));

    [Fact]
    public void Effects_have_three_decimals_with_the_standard_error()
    {
        Assert.Equal("1.123 ± 0.058", ReportNumbers.EffectWithError(new EffectSummary(10, 1.1234, 0.0577)));
        Assert.Equal("0.970", ReportNumbers.EffectWithError(new EffectSummary(1, 0.97, null)));
    }

    [Theory]
    [InlineData(0.82, "0.82")]
    [InlineData(0.063, "0.063")]
    [InlineData(0.5, "0.5")]
    [InlineData(1.0, "1")]
    [InlineData(0.001, "0.001")]
    [InlineData(0.00021, "2e-4")]
    [InlineData(2e-17, "2e-17")]
    [InlineData(9.6e-5, "1e-4")]
    [InlineData(0.0, "0")]
    public void P_values_print_as_the_paper_does(double p, string expected) =>
        Assert.Equal(expected, ReportNumbers.P(p));

    [Fact]
    public void A_p_value_below_the_double_range_prints_from_its_logarithm()
    {
        // ln p = −1000 → log10 p = −434.294…, 10^0.7058 = 5.08
        Assert.Equal("5e-435", ReportNumbers.P(PValue.FromLn(-1000)));
        Assert.Equal("3e-412", ReportNumbers.P(PValue.FromLog10(-411.5)));
        Assert.Equal("434.3", ReportNumbers.MinusLog10P(PValue.FromLn(-1000)));
    }

    [Fact]
    public void Scientific_p_values_agree_with_the_framework_formatter_in_the_normal_range()
    {
        // Oracle: .NET's custom format "0e0" rounds the decimal expansion to one significant digit.
        var rng = new LocalSpec.Numerics.Rng(7);
        for (int i = 0; i < 5000; i++)
        {
            double p = Math.Pow(10, -3 - 300 * rng.NextDouble());
            Assert.Equal(p.ToString("0e0", CultureInfo.InvariantCulture), ReportNumbers.P(p));
        }
    }

    [Fact]
    public void Fixed_p_values_agree_with_two_significant_digits_of_the_framework_formatter()
    {
        var rng = new LocalSpec.Numerics.Rng(8);
        for (int i = 0; i < 5000; i++)
        {
            double p = Math.Pow(10, -3 * rng.NextDouble());
            if (p.ToString("G2", CultureInfo.InvariantCulture).Contains('E')) continue;
            Assert.Equal(p.ToString("G2", CultureInfo.InvariantCulture), ReportNumbers.P(p));
        }
    }

    [Fact]
    public void Numbers_are_invariant_under_a_comma_decimal_culture()
    {
        using var scope = new CultureScope("de-DE");
        Assert.Equal("2.13", ReportNumbers.Fisher(2.13));
        Assert.Equal("1.123 ± 0.058", ReportNumbers.EffectWithError(new EffectSummary(10, 1.123, 0.058)));
        Assert.Equal("0.063", ReportNumbers.P(0.063));
        Assert.Equal("0.05", ReportNumbers.Plain(0.05));
    }
}
