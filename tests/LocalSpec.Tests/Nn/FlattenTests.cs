using LocalSpec.Nn;
using Xunit;

namespace LocalSpec.Tests.Nn;

public sealed class FlattenTests
{
    [Fact]
    public void Flatten_is_channel_major_like_pytorch()
    {
        var network = GradientCheck.Build([2, 2, 3], new FlattenSpec());
        var x = new Tensor(Enumerable.Range(0, 24).Select(i => (float)i).ToArray(), 2, 2, 2, 3);
        var y = network.Forward(x);
        Assert.Equal([2, 12], y.Shape);
        Assert.Equal(x.Data, y.Data);
        Assert.Equal([12], network.OutputShape);
    }

    [Fact]
    public void Flatten_backward_matches_finite_differences()
    {
        var network = GradientCheck.Build([2, 2, 3], new FlattenSpec(), new DenseSpec(3));
        GradientCheck.CheckNetwork(network, GradientCheck.Random(3, 2, 2, 2, 3), new ForwardOptions());
    }
}
