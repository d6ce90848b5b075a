using LocalSpec.Nn;
using Xunit;

namespace LocalSpec.Tests.Nn;

public sealed class ReluTests
{
    [Fact]
    public void Relu_backward_matches_finite_differences_away_from_zero()
    {
        var network = GradientCheck.Build([40], new ReluSpec());
        var x = GradientCheck.Random(5, 3, 40);
        Assert.All(x.Data, v => Assert.True(Math.Abs(v) > 10 * GradientCheck.Step));
        GradientCheck.CheckNetwork(network, x, new ForwardOptions());
    }

    [Fact]
    public void Relu_has_zero_gradient_at_exactly_zero_like_pytorch()
    {
        // 67 values: zeros both inside the vectorised body and in the scalar tail
        float[] x = Enumerable.Range(0, 67).Select(i => i % 3 == 0 ? (i % 2 == 0 ? 0f : -0f) : i % 3 == 1 ? -1f - i : 1f + i).ToArray();
        var network = GradientCheck.Build([67], new ReluSpec());
        using var tape = network.ForwardWithTape(new Tensor(x, 1, 67));
        Assert.Equal(x.Select(v => v > 0 ? v : 0f), tape.Output.Data);
        var dy = Enumerable.Range(0, 67).Select(i => 5f + i).ToArray();
        var dx = tape.Backward(new Tensor(dy, 1, 67));
        Assert.Equal(x.Select((v, i) => v > 0 ? dy[i] : 0f), dx.Data);
        Assert.Equal(0f, dx.Data[0]);
        Assert.Equal(0f, dx.Data[63]);
    }

    [Fact]
    public void Relu_handles_lengths_that_are_not_a_multiple_of_the_vector_width_and_large_inputs()
    {
        foreach (int length in new[] { 1, 7, 17, 70_001 })
        {
            var network = GradientCheck.Build([length], new ReluSpec());
            var x = GradientCheck.Random((ulong)length, 2, length);
            using var tape = network.ForwardWithTape(x);
            var dy = GradientCheck.Random(99, 2, length);
            var dx = tape.Backward(dy);
            for (int i = 0; i < x.Length; i++)
            {
                Assert.Equal(Math.Max(0f, x.Data[i]), tape.Output.Data[i]);
                Assert.Equal(x.Data[i] > 0 ? dy.Data[i] : 0f, dx.Data[i]);
            }
        }
    }
}
