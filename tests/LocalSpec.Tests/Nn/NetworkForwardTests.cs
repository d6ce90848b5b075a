using LocalSpec.Nn;
using LocalSpec.Numerics;
using Xunit;

namespace LocalSpec.Tests.Nn;

public sealed class NetworkForwardTests
{
    private static Network Cnn() => GradientCheck.Build([1, 8, 8],
        new Conv2dSpec(4, 3, Padding.Same), new ReluSpec(), new Conv2dSpec(4, 3, Padding.Valid), new ReluSpec(), new MaxPool2dSpec(2),
        new BatchNormSpec(), new DropoutSpec(0.5), new FlattenSpec(), new DenseSpec(6), new ReluSpec(), new DenseSpec(3));

    [Fact]
    public void Forward_split_at_any_module_equals_the_full_forward()
    {
        var network = Cnn();
        var x = GradientCheck.Random(91, 3, 1, 8, 8);
        var full = network.Forward(x).Data;
        for (int k = 0; k < network.Layers.Count - 1; k++)
        {
            var cached = network.Forward(x, new ForwardOptions { To = k });
            Assert.Equal([3, .. network.Layers[k].OutputShape], cached.Shape);
            Assert.Equal(full, network.Forward(cached, new ForwardOptions { From = k + 1 }).Data);
        }
    }

    [Fact]
    public void Capture_sees_every_module_output_in_order_and_matches_forward_to_that_module()
    {
        var network = Cnn();
        var x = GradientCheck.Random(92, 2, 1, 8, 8);
        var seen = new List<(int Module, Tensor Output)>();
        var y = network.Forward(x, new ForwardOptions { Capture = (m, t) => seen.Add((m, t.Clone())) });
        Assert.Equal(Enumerable.Range(0, network.Layers.Count), seen.Select(s => s.Module));
        foreach (var (m, output) in seen)
            Assert.Equal(network.Forward(x, new ForwardOptions { To = m }).Data, output.Data);
        Assert.Equal(y.Data, seen[^1].Output.Data);
    }

    [Fact]
    public void Concurrent_eval_forwards_give_the_sequential_result()
    {
        var network = Cnn();
        var inputs = Enumerable.Range(0, 12).Select(i => GradientCheck.Random((ulong)(100 + i), 1 + i % 3, 1, 8, 8)).ToArray();
        var expected = inputs.Select(x => network.Forward(x).Data).ToArray();
        var actual = new float[inputs.Length][];
        Parallel.For(0, 48, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => actual[i % 12] = network.Forward(inputs[i % 12]).Data);
        for (int i = 0; i < inputs.Length; i++) Assert.Equal(expected[i], actual[i]);
    }

    [Fact]
    public void Recycled_buffers_never_leak_values_between_passes_of_different_batch_sizes()
    {
        var network = Cnn();
        var a = GradientCheck.Random(93, 4, 1, 8, 8);
        var b = GradientCheck.Random(94, 3, 1, 8, 8);
        var expectedA = network.Forward(a).Data;
        var expectedB = network.Forward(b).Data;
        for (int i = 0; i < 3; i++)
        {
            using (var tape = network.ForwardWithTape(i % 2 == 0 ? a : b))
                tape.Backward(GradientCheck.Random(95, tape.Output.Shape), new float[network.Parameters.Count]);
            Assert.Equal(expectedB, network.Forward(b).Data);
            Assert.Equal(expectedA, network.Forward(a).Data);
            if (i == 1) network.ReleaseBuffers();
        }
    }

    [Fact]
    public void Wrong_input_shapes_and_module_ranges_are_clear_errors()
    {
        var network = Cnn();
        var e1 = Assert.Throws<ArgumentException>(() => network.Forward(Tensor.Zeros(2, 1, 7, 8)));
        Assert.Contains("needs the network input of shape [N, 1, 8, 8]", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => network.Forward(Tensor.Zeros(2, 1, 8, 8), new ForwardOptions { From = 2 }));
        Assert.Contains("output of module 1 (relu) of shape [N, 4, 8, 8]", e2.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => network.Forward(Tensor.Zeros(2, 1, 8, 8), new ForwardOptions { To = 11 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => network.Forward(Tensor.Zeros(2, 3), new ForwardOptions { From = 5, To = 4 }));
    }

    [Fact]
    public void Modules_know_their_shapes_and_parameter_layer_index()
    {
        var network = Network.Create(Presets.Create("cnn", [1, 28, 28], 10), new Rng(0));
        Assert.Equal([[64, 28, 28], [64, 28, 28], [64, 26, 26], [64, 26, 26], [64, 13, 13], [64, 11, 11], [64, 11, 11], [64, 5, 5], [1600], [128], [128], [10]],
            network.Layers.Select(l => l.OutputShape.ToArray()));
        Assert.Equal([0, 2, 5, 9, 11], network.ParameterLayerModules);
        Assert.Equal(2, network.ModuleOfParameterLayer(1));
        Assert.Equal(1, network.ParameterLayerOfModule(2));
        Assert.Equal(-1, network.ParameterLayerOfModule(3));
        Assert.Equal([10], network.OutputShape);
    }

    [Fact]
    public void Create_draws_glorot_uniform_weights_zero_biases_and_identity_batchnorm()
    {
        var network = Network.Create(new ArchitectureSpec([3, 8, 8], [new Conv2dSpec(16, 3, Padding.Same), new BatchNormSpec(), new FlattenSpec(), new DenseSpec(50)]), new Rng(1));
        var store = network.Parameters;
        AssertUniform(store.Read("layers.0.weight"), Math.Sqrt(6.0 / (3 * 9 + 16 * 9)));
        AssertUniform(store.Read("layers.2.weight"), Math.Sqrt(6.0 / (1024 + 50)));
        Assert.All(store.Read("layers.0.bias").Concat(store.Read("layers.2.bias")), v => Assert.Equal(0f, v));
        Assert.All(store.Read("layers.1.weight").Concat(store.Read("layers.1.running_var")), v => Assert.Equal(1f, v));
        Assert.All(store.Read("layers.1.bias").Concat(store.Read("layers.1.running_mean")), v => Assert.Equal(0f, v));
        Assert.Equal(store.Data, Network.Create(network.Spec, new Rng(1)).Parameters.Data);
        Assert.NotEqual(store.Data, Network.Create(network.Spec, new Rng(2)).Parameters.Data);
    }

    private static void AssertUniform(float[] values, double limit)
    {
        Assert.All(values, v => Assert.InRange(v, -limit, limit));
        // U(−a, a): mean 0, variance a²/3; with ≥ 432 draws both are within a few standard errors
        double mean = values.Average(v => (double)v), variance = values.Average(v => (double)v * v);
        Assert.InRange(mean, -0.15 * limit, 0.15 * limit);
        Assert.InRange(variance / (limit * limit / 3), 0.8, 1.2);
        Assert.True(values.Max() > 0.9 * limit && values.Min() < -0.9 * limit);
    }
}
