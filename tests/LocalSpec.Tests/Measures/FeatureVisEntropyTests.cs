using LocalSpec.Measures;
using LocalSpec.Numerics;

namespace LocalSpec.Tests.Measures;

public sealed class FeatureVisEntropyTests
{
    [Fact]
    public void Uniform_logits_give_ln_k()
    {
        Assert.Equal(Math.Log(10), FeatureVisEntropy.Of(new float[10]), 1e-14);
        Assert.Equal(Math.Log(3), FeatureVisEntropy.Of([7.25f, 7.25f, 7.25f]), 1e-14);
        Assert.InRange(FeatureVisEntropy.Of(new float[7]), 0, Math.Log(7));
    }

    [Fact]
    public void A_dominant_logit_gives_zero_not_a_negative_value()
    {
        double h = FeatureVisEntropy.Of([1000f, 0f, -5f]);
        Assert.True(h >= 0 && h < 1e-300, $"{h}");
        Assert.Equal(0, FeatureVisEntropy.Of([3f]));
    }

    [Fact]
    public void Two_classes_match_the_binary_entropy()
    {
        // softmax([ln 3, 0]) = [3/4, 1/4]: H = −(3/4) ln(3/4) − (1/4) ln(1/4)
        double expected = -0.75 * Math.Log(0.75) - 0.25 * Math.Log(0.25);
        Assert.Equal(expected, FeatureVisEntropy.Of([(float)Math.Log(3), 0f]), 1e-7);
    }

    [Fact]
    public void Random_logits_match_the_textbook_formula_and_stay_in_range()
    {
        var rng = new Rng(9);
        for (int trial = 0; trial < 50; trial++)
        {
            int k = 2 + rng.NextInt(12);
            var z = Enumerable.Range(0, k).Select(_ => (float)(4 * rng.NextGaussian())).ToArray();
            double[] e = z.Select(v => Math.Exp(v)).ToArray();
            double sum = e.Sum(), expected = -e.Sum(v => v / sum * Math.Log(v / sum));
            double h = FeatureVisEntropy.Of(z);
            Assert.Equal(expected, h, 1e-10);
            Assert.InRange(h, 0, Math.Log(k));
            Assert.Equal(h, FeatureVisEntropy.Of(z.Select(v => v + 100f).ToArray()), 1e-4); // shift invariance (float rounding of z + 100)
        }
    }
}
