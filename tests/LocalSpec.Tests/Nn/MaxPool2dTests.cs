using LocalSpec.Nn;
using Xunit;

namespace LocalSpec.Tests.Nn;

public sealed class MaxPool2dTests
{
    [Fact]
    public void MaxPool_takes_window_maxima_and_drops_trailing_rows_and_columns_floor_mode()
    {
        var network = GradientCheck.Build([1, 5, 5], new MaxPool2dSpec(2));
        var x = new Tensor(Enumerable.Range(0, 25).Select(i => (float)((i * 7) % 25)).ToArray(), 1, 1, 5, 5);
        var y = network.Forward(x);
        Assert.Equal([1, 1, 2, 2], y.Shape);
        // windows of the values (7i mod 25): rows 0-1 × cols 0-1 = {0, 7, 10, 17} → 17, etc.
        float[] expected = new float[4];
        for (int oh = 0; oh < 2; oh++)
            for (int ow = 0; ow < 2; ow++)
                expected[oh * 2 + ow] = new[] { 0, 1 }.SelectMany(i => new[] { 0, 1 }.Select(j => x.Data[(2 * oh + i) * 5 + 2 * ow + j])).Max();
        Assert.Equal(expected, y.Data);
        Assert.Equal([17f, 24f, 20f, 19f], y.Data); // pinned by hand
    }

    [Fact]
    public void MaxPool_backward_matches_finite_differences_without_ties()
    {
        var network = GradientCheck.Build([2, 5, 4], new MaxPool2dSpec(2));
        var x = GradientCheck.Random(21, 3, 2, 5, 4);
        Assert.Equal(x.Length, x.Data.Distinct().Count());
        GradientCheck.CheckNetwork(network, x, new ForwardOptions());
    }

    [Fact]
    public void MaxPool_of_size_three_backward_matches_finite_differences()
    {
        var network = GradientCheck.Build([1, 7, 6], new MaxPool2dSpec(3));
        GradientCheck.CheckNetwork(network, GradientCheck.Random(22, 2, 1, 7, 6), new ForwardOptions());
    }

    [Fact]
    public void MaxPool_routes_the_gradient_of_a_tie_to_the_first_maximum_in_row_major_order()
    {
        var network = GradientCheck.Build([1, 2, 4], new MaxPool2dSpec(2));
        // window 0 = [[1, 3], [3, 2]] (tie between (0,1) and (1,0)); window 1 = all 5
        var x = new Tensor([1, 3, 5, 5, 3, 2, 5, 5], 1, 1, 2, 4);
        using var tape = network.ForwardWithTape(x);
        Assert.Equal([3f, 5f], tape.Output.Data);
        var dx = tape.Backward(new Tensor([10f, 20f], 1, 1, 1, 2));
        Assert.Equal([0f, 10f, 20f, 0f, 0f, 0f, 0f, 0f], dx.Data);
    }

    [Fact]
    public void MaxPool_input_gradient_is_zero_in_the_dropped_trailing_row()
    {
        var network = GradientCheck.Build([1, 3, 2], new MaxPool2dSpec(2));
        using var tape = network.ForwardWithTape(new Tensor([1, 2, 3, 4, 100, 100], 1, 1, 3, 2));
        Assert.Equal([4f], tape.Output.Data);
        Assert.Equal([0f, 0f, 0f, 1f, 0f, 0f], tape.Backward(new Tensor([1f], 1, 1, 1, 1)).Data);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void MaxPool_propagates_nan_and_routes_its_gradient_to_it_like_pytorch(int size)
    {
        var network = GradientCheck.Build([1, size, size], new MaxPool2dSpec(size));
        var x = Enumerable.Range(0, size * size).Select(i => (float)i).ToArray();
        x[1] = float.NaN;
        using var tape = network.ForwardWithTape(new Tensor(x, 1, 1, size, size));
        Assert.True(float.IsNaN(tape.Output.Data[0]));
        var dx = tape.Backward(new Tensor([1f], 1, 1, 1, 1));
        Assert.Equal(1f, dx.Data[1]);
        Assert.Equal(1f, dx.Data.Sum());
    }

    [Fact]
    public void MaxPool_of_size_three_keeps_the_first_of_tied_maxima()
    {
        var network = GradientCheck.Build([1, 3, 3], new MaxPool2dSpec(3));
        using var tape = network.ForwardWithTape(new Tensor([0, 1, 7, 2, 7, 7, 3, 4, 5], 1, 1, 3, 3));
        Assert.Equal([0f, 0, 1, 0, 0, 0, 0, 0, 0], tape.Backward(new Tensor([1f], 1, 1, 1, 1)).Data);
    }
}
