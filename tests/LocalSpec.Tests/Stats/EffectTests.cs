using LocalSpec.Stats;

namespace LocalSpec.Tests.Stats;

public sealed class EffectTests
{
    [Theory]
    [InlineData(3.0, new[] { 1.0, 2.0, 3.0 }, 2 * 3.0 / (3.0 + 2.0))]
    [InlineData(1.0, new[] { 1.0, 1.0 }, 1.0)]                       // x = μ
    [InlineData(0.0, new[] { 0.0, 0.0, 0.0 }, 1.0)]                  // x + μ = 0
    [InlineData(-0.7, new[] { 0.5, 1.5 }, 0.0)]                      // negative x clipped to 0 (footnote 8)
    [InlineData(2.0, new[] { -1.0, -3.0 }, 2.0)]                     // negative μ clipped to 0: e stays ≤ 2
    [InlineData(-1.0, new[] { -1.0, -2.0 }, 1.0)]                    // both clipped: x + μ = 0
    [InlineData(0.5, new[] { -1.0, 2.0 }, 2 * 0.5 / (0.5 + 0.5))]   // μ is the mean of the raw values, then clipped
    public void Effect_is_2x_over_x_plus_mu_with_both_clipped_at_zero(double x, double[] random, double expected) =>
        Assert.Equal(expected, EffectMeasure.Of(x, random), 15);

    [Fact]
    public void Effect_stays_in_zero_to_two()
    {
        var rng = new LocalSpec.Numerics.Rng(4);
        for (int i = 0; i < 2000; i++)
        {
            double[] random = Enumerable.Range(0, 19).Select(_ => 3 * rng.NextGaussian()).ToArray();
            Assert.InRange(EffectMeasure.Of(3 * rng.NextGaussian(), random), 0, 2);
        }
    }

    [Fact]
    public void Summary_is_the_mean_and_the_sample_standard_deviation_over_root_n()
    {
        var summary = EffectSummary.Of([0.5, 1.0, 1.5, 1.0]);
        Assert.Equal(4, summary.Count);
        Assert.Equal(1.0, summary.Mean, 15);
        // sample SD = sqrt((0.25 + 0 + 0.25 + 0)/3) = sqrt(1/6); SE = that / 2.
        Assert.Equal(Math.Sqrt(1.0 / 6) / 2, summary.StandardError!.Value, 15);
    }

    [Fact]
    public void One_subcluster_has_no_standard_error_and_is_never_bold()
    {
        var summary = EffectSummary.Of([1.9]);
        Assert.Null(summary.StandardError);
        Assert.False(summary.IsMoreSpecializedThanRandom(higherIsMoreSpecialized: true));
    }

    [Fact]
    public void Bold_rule_needs_two_standard_errors_beyond_one_on_the_specialized_side()
    {
        // Mean 1.1, SE 0.04: 1.1 − 0.08 > 1, bold for a higher-is-specialized proxy, not for entropy.
        var above = new EffectSummary(100, 1.1, 0.04);
        Assert.True(above.IsMoreSpecializedThanRandom(higherIsMoreSpecialized: true));
        Assert.False(above.IsMoreSpecializedThanRandom(higherIsMoreSpecialized: false));
        var barely = new EffectSummary(100, 1.1, 0.06);                  // 1.1 − 0.12 < 1
        Assert.False(barely.IsMoreSpecializedThanRandom(higherIsMoreSpecialized: true));
        var below = new EffectSummary(100, 0.967, 0.004);                // Table 2, Act./Layer, Softmax H
        Assert.True(below.IsMoreSpecializedThanRandom(higherIsMoreSpecialized: false));
        Assert.False(below.IsMoreSpecializedThanRandom(higherIsMoreSpecialized: true));
    }

    [Fact]
    public void Empty_or_non_finite_input_is_rejected()
    {
        Assert.Contains("at least one random value", Assert.Throws<ArgumentException>(() => EffectMeasure.Of(1, [])).Message);
        Assert.Throws<ArgumentException>(() => EffectMeasure.Of(double.NaN, [1.0]));
        Assert.Contains("random value 0", Assert.Throws<ArgumentException>(() => EffectMeasure.Of(1, [double.PositiveInfinity])).Message);
        Assert.Contains("at least one subcluster", Assert.Throws<ArgumentException>(() => EffectSummary.Of([])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => EffectSummary.Of([2.5]));
    }
}
