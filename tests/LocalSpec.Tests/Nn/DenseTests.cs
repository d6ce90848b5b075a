using LocalSpec.Nn;
using Xunit;

namespace LocalSpec.Tests.Nn;

public sealed class DenseTests
{
    [Fact]
    public void Dense_computes_x_times_W_transposed_plus_b_with_W_stored_out_by_in()
    {
        var network = Network.Create(new ArchitectureSpec([2], [new DenseSpec(3)]), new LocalSpec.Numerics.Rng(0));
        network.Parameters.Write("layers.0.weight", [1, 2, 3, 4, 5, 6], [3, 2]);
        network.Parameters.Write("layers.0.bias", [0.5f, -1, 2], [3]);
        var y = network.Forward(new Tensor([1, 10, -2, 0.5f], 2, 2));
        // row 0: [1·1 + 10·2, 1·3 + 10·4, 1·5 + 10·6] + b; row 1: [−2 + 1, −6 + 2, −10 + 3] + b
        Assert.Equal([21.5f, 42, 67, -0.5f, -5, -5], y.Data);
        Assert.Equal([2, 3], y.Shape);
    }

    [Fact]
    public void Dense_backward_matches_finite_differences()
    {
        var network = GradientCheck.Build([5], new DenseSpec(4));
        GradientCheck.CheckNetwork(network, GradientCheck.Random(1, 3, 5), new ForwardOptions());
    }

    [Fact]
    public void Stacked_dense_layers_backward_matches_finite_differences()
    {
        var network = GradientCheck.Build([6], new DenseSpec(5), new DenseSpec(4), new DenseSpec(3));
        GradientCheck.CheckNetwork(network, GradientCheck.Random(2, 4, 6), new ForwardOptions());
    }
}
