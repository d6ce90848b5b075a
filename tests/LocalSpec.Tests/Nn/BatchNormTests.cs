using LocalSpec.Nn;
using Xunit;

namespace LocalSpec.Tests.Nn;

public sealed class BatchNormTests
{
    [Fact]
    public void BatchNorm_training_backward_matches_finite_differences_on_features()
    {
        var network = GradientCheck.Build([4], new BatchNormSpec());
        GradientCheck.CheckNetwork(network, GradientCheck.Random(41, 5, 4), new ForwardOptions { Training = true });
    }

    [Fact]
    public void BatchNorm_training_backward_matches_finite_differences_on_channels()
    {
        var network = GradientCheck.Build([2, 3, 3], new BatchNormSpec(Eps: 1e-3, Momentum: 0.01));
        GradientCheck.CheckNetwork(network, GradientCheck.Random(42, 3, 2, 3, 3), new ForwardOptions { Training = true });
    }

    [Fact]
    public void BatchNorm_eval_backward_matches_finite_differences_on_channels()
    {
        var network = GradientCheck.Build([2, 3, 3], new BatchNormSpec());
        GradientCheck.CheckNetwork(network, GradientCheck.Random(43, 3, 2, 3, 3), new ForwardOptions());
    }

    [Fact]
    public void BatchNorm_training_normalises_with_the_biased_variance_and_updates_running_statistics_with_the_unbiased_one()
    {
        var network = Network.Create(new ArchitectureSpec([1], [new BatchNormSpec(Eps: 1e-5, Momentum: 0.1)]), new LocalSpec.Numerics.Rng(0));
        var y = network.Forward(new Tensor([1, 2, 3, 6], 4, 1), new ForwardOptions { Training = true });
        // mean 3, biased variance (4 + 1 + 0 + 9)/4 = 3.5, unbiased 14/3
        double invStd = 1 / Math.Sqrt(3.5 + 1e-5);
        AssertNear([-2 * invStd, -invStd, 0, 3 * invStd], y.Data);
        Assert.Equal(0.1f * 3, network.Parameters.Read("layers.0.running_mean")[0], 6);
        Assert.Equal((float)(0.9 * 1 + 0.1 * 14.0 / 3), network.Parameters.Read("layers.0.running_var")[0], 6);
    }

    [Fact]
    public void BatchNorm_running_statistics_pool_over_batch_and_space_per_channel()
    {
        var network = Network.Create(new ArchitectureSpec([2, 1, 2], [new BatchNormSpec(Momentum: 1)]), new LocalSpec.Numerics.Rng(0));
        // channel 0 values {1, 3, 5, 7}, channel 1 values {10, 10, 20, 20}
        network.Forward(new Tensor([1, 3, 10, 10, 5, 7, 20, 20], 2, 2, 1, 2), new ForwardOptions { Training = true });
        Assert.Equal([4f, 15f], network.Parameters.Read("layers.0.running_mean"));
        var runningVar = network.Parameters.Read("layers.0.running_var");
        Assert.Equal(20f / 3, runningVar[0], 5);
        Assert.Equal(100f / 3, runningVar[1], 4);
    }

    [Fact]
    public void BatchNorm_eval_uses_the_running_statistics()
    {
        var network = Network.Create(new ArchitectureSpec([2], [new BatchNormSpec(Eps: 1e-3)]), new LocalSpec.Numerics.Rng(0));
        network.Parameters.Write("layers.0.weight", [2, 0.5f], [2]);
        network.Parameters.Write("layers.0.bias", [1, -1], [2]);
        network.Parameters.Write("layers.0.running_mean", [10, -4], [2]);
        network.Parameters.Write("layers.0.running_var", [4, 9], [2]);
        var y = network.Forward(new Tensor([12, -4, 10, 2], 2, 2));
        AssertNear([2 * 2 / Math.Sqrt(4.001) + 1, -1, 1, 0.5 * 6 / Math.Sqrt(9.001) - 1], y.Data);
        Assert.Equal([10f, -4f], network.Parameters.Read("layers.0.running_mean"));
    }

    [Fact]
    public void BatchNorm_training_on_a_single_value_per_channel_is_a_clear_error()
    {
        var network = Network.Create(new ArchitectureSpec([3], [new BatchNormSpec()]), new LocalSpec.Numerics.Rng(0));
        var e = Assert.Throws<InvalidOperationException>(() => network.Forward(Tensor.Zeros(1, 3), new ForwardOptions { Training = true }));
        Assert.Contains("more than one value per channel", e.Message);
    }

    private static void AssertNear(double[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-6 * Math.Max(1, Math.Abs(expected[i])), $"element {i}: {actual[i]} vs {expected[i]}");
    }
}
