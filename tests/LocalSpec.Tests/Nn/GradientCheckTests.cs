using LocalSpec.Nn;
using Xunit;

namespace LocalSpec.Tests.Nn;

/// <summary>The checker itself must be able to fail, or the gradient tests prove nothing.</summary>
public sealed class GradientCheckTests
{
    [Fact]
    public void Checker_accepts_the_exact_gradient_of_a_known_function()
    {
        // f(v) = Σ v_i³ → ∂f/∂v_i = 3 v_i²
        double[] v = [0.5, -1.25, 2.0, 0.1];
        var numeric = GradientCheck.Numeric(x => x.Sum(t => t * t * t), v);
        float[] analytic = v.Select(t => (float)(3 * t * t)).ToArray();
        Assert.Null(GradientCheck.Compare(analytic, numeric));
    }

    [Fact]
    public void Checker_rejects_a_gradient_with_one_element_off_by_one_percent()
    {
        double[] v = [0.5, -1.25, 2.0, 0.1];
        var numeric = GradientCheck.Numeric(x => x.Sum(t => t * t * t), v);
        float[] analytic = v.Select(t => (float)(3 * t * t)).ToArray();
        analytic[2] *= 1.01f;
        Assert.NotNull(GradientCheck.Compare(analytic, numeric));
    }

    [Fact]
    public void Checker_rejects_a_small_element_that_is_wrong_by_a_tenth_of_the_largest()
    {
        double[] v = [0.05, 2.0];
        var numeric = GradientCheck.Numeric(x => x.Sum(t => t * t * t), v);
        float[] analytic = [(float)(3 * 0.05 * 0.05 + 1.2), 12f];
        Assert.NotNull(GradientCheck.Compare(analytic, numeric));
    }

    [Fact]
    public void Checker_rejects_batchnorm_training_gradient_that_ignores_the_batch_statistics()
    {
        // A plausible bug: back-propagating through batch-statistics BatchNorm as if μ and σ were constants.
        var network = GradientCheck.Build([4], new BatchNormSpec());
        var x = GradientCheck.Random(3, 5, 4);
        var options = new ForwardOptions { Training = true };
        using var tape = network.ForwardWithTape(x, options);
        var dy = GradientCheck.Random(4, 5, 4);
        var stats = tape.State(0)!.Values!;
        var gamma = network.Parameters.Read("layers.0.weight");
        var wrong = new float[x.Length];
        for (int i = 0; i < wrong.Length; i++) wrong[i] = dy.Data[i] * gamma[i % 4] * stats[4 + i % 4];

        var reference = new ReferenceNet(network);
        var p = GradientCheck.ToDouble(network.Parameters.Data);
        var r = GradientCheck.ToDouble(dy.Data);
        var numeric = GradientCheck.Numeric(v => GradientCheck.Dot(reference.Forward(p, v, 5, training: true), r), GradientCheck.ToDouble(x.Data));
        Assert.NotNull(GradientCheck.Compare(wrong, numeric));
        Assert.Null(GradientCheck.Compare(tape.Backward(dy).Data, numeric));
    }
}
