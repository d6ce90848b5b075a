using LocalSpec.Nn;
using Xunit;

namespace LocalSpec.Tests.Nn;

public sealed class Conv2dTests
{
    [Fact]
    public void Conv2d_is_a_cross_correlation_with_zero_padding_like_pytorch()
    {
        // kernel with a single 1 at its top-left: y[oh, ow] = x[oh − 1, ow − 1] (0 outside)
        float[] x = [1, 2, 3, 4, 5, 6, 7, 8, 9];
        float[] w = [1, 0, 0, 0, 0, 0, 0, 0, 0];
        float[] expected = [0, 0, 0, 0, 1, 2, 0, 4, 5];
        Assert.Equal(expected, Conv2dReference.Forward(x, 1, 1, 3, 3, w, [0f], 1, 3, 1));
        var network = GradientCheck.Build([1, 3, 3], new Conv2dSpec(1, 3, Padding.Same));
        network.Parameters.Write("layers.0.weight", w, [1, 1, 3, 3]);
        network.Parameters.Write("layers.0.bias", [0f], [1]);
        Assert.Equal(expected, network.Forward(new Tensor(x, 1, 1, 3, 3)).Data);
    }

    [Theory]
    [InlineData(Padding.Same, 3, 1 << 22)]
    [InlineData(Padding.Valid, 3, 1 << 22)]
    [InlineData(Padding.Same, 5, 1 << 22)]
    [InlineData(Padding.Valid, 1, 1 << 22)]
    [InlineData(Padding.Same, 3, 1)]        // one example per chunk
    [InlineData(Padding.Valid, 3, 2 * 27 * 20)] // chunks of two examples, the last one short
    public void Conv2d_im2col_forward_and_backward_match_the_naive_convolution(Padding padding, int kernel, int chunkElements)
    {
        const int n = 5, c = 3, h = 6, wd = 7, k = 4;
        var network = GradientCheck.Build([c, h, wd], new Conv2dSpec(k, kernel, padding));
        network.ConvChunkElements = chunkElements;
        int pad = padding == Padding.Same ? (kernel - 1) / 2 : 0;
        var x = GradientCheck.Random(31, n, c, h, wd);
        float[] weight = network.Parameters.Read("layers.0.weight"), bias = network.Parameters.Read("layers.0.bias");

        using var tape = network.ForwardWithTape(x);
        var expected = Conv2dReference.Forward(x.Data, n, c, h, wd, weight, bias, k, kernel, pad);
        AssertNear(expected, tape.Output.Data);

        var dy = GradientCheck.Random(32, tape.Output.Shape);
        var dParams = new float[network.Parameters.Count];
        var dx = tape.Backward(dy, dParams);
        var (refDx, refDw, refDb) = Conv2dReference.Backward(x.Data, n, c, h, wd, weight, k, kernel, pad, dy.Data);
        AssertNear(refDx, dx.Data);
        AssertNear(refDw, dParams.AsSpan(network.Parameters["layers.0.weight"].Offset, refDw.Length).ToArray());
        AssertNear(refDb, dParams.AsSpan(network.Parameters["layers.0.bias"].Offset, k).ToArray());
    }

    [Theory]
    [InlineData(Padding.Same, 3)]
    [InlineData(Padding.Valid, 3)]
    [InlineData(Padding.Same, 5)]
    public void Conv2d_backward_matches_finite_differences(Padding padding, int kernel)
    {
        var network = GradientCheck.Build([2, 5, 5], new Conv2dSpec(3, kernel, padding));
        GradientCheck.CheckNetwork(network, GradientCheck.Random(33, 2, 2, 5, 5), new ForwardOptions());
    }

    [Fact]
    public void Conv2d_parameter_gradients_accumulate_into_the_given_buffer()
    {
        var network = GradientCheck.Build([1, 4, 4], new Conv2dSpec(2, 3, Padding.Same));
        var x = GradientCheck.Random(34, 2, 1, 4, 4);
        using var tape = network.ForwardWithTape(x);
        var dy = GradientCheck.Random(35, tape.Output.Shape);
        var once = new float[network.Parameters.Count];
        tape.BackwardParameters(dy, once);
        var twice = new float[network.Parameters.Count];
        tape.BackwardParameters(dy, twice);
        tape.BackwardParameters(dy, twice);
        for (int i = 0; i < once.Length; i++) Assert.Equal(2 * once[i], twice[i], 5);
    }

    private static void AssertNear(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = Math.Max(1, expected.Max(v => Math.Abs(v)));
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5 * scale, $"element {i}: {actual[i]} vs naive {expected[i]}");
    }
}
