using LocalSpec.Nn;
using LocalSpec.Numerics;
using Xunit;

namespace LocalSpec.Tests.Nn;

/// <summary>Unit masks implement lesions (METHOD.md §6): silencing a unit = removing its outgoing weights.</summary>
public sealed class NetworkMaskTests
{
    private static Network Mlp() => GradientCheck.Build([6], new DenseSpec(5), new ReluSpec(), new DenseSpec(4), new ReluSpec(), new DenseSpec(3));

    private static Network Cnn() => GradientCheck.Build([2, 5, 5],
        new Conv2dSpec(3, 3, Padding.Same), new BatchNormSpec(), new ReluSpec(), new Conv2dSpec(2, 3, Padding.Valid), new FlattenSpec(), new DenseSpec(3));

    private static float[] Lesion(int units, params int[] off)
    {
        var mask = Enumerable.Repeat(1f, units).ToArray();
        foreach (int u in off) mask[u] = 0f;
        return mask;
    }

    [Fact]
    public void A_masked_dense_unit_outputs_zero_and_the_network_equals_one_without_its_outgoing_weights()
    {
        var network = Mlp();
        var x = GradientCheck.Random(81, 4, 6);
        Tensor? relu = null;
        var options = new ForwardOptions
        {
            UnitMasks = new Dictionary<int, float[]> { [1] = Lesion(5, 2) },
            Capture = (m, t) => { if (m == 1) relu = t.Clone(); },
        };
        using var tape = network.ForwardWithTape(x, options);
        for (int i = 0; i < 4; i++) Assert.Equal(0f, relu!.Data[i * 5 + 2]);

        var pruned = network.Clone();
        var w = pruned.Parameters.Span("layers.1.weight"); // [4, 5]: column 2 leaves unit 2
        for (int o = 0; o < 4; o++) w[o * 5 + 2] = 0f;
        using var prunedTape = pruned.ForwardWithTape(x);
        Assert.Equal(prunedTape.Output.Data, tape.Output.Data);

        var dy = GradientCheck.Random(82, 4, 3);
        var dParams = new float[network.Parameters.Count];
        Assert.Equal(prunedTape.Backward(dy).Data, tape.Backward(dy, dParams).Data);
        var incoming = network.Parameters["layers.0.weight"];
        for (int j = 0; j < 6; j++) Assert.Equal(0f, dParams[incoming.Offset + 2 * 6 + j]);
        Assert.Equal(0f, dParams[network.Parameters["layers.0.bias"].Offset + 2]);
    }

    [Fact]
    public void A_masked_channel_after_batchnorm_equals_a_network_without_its_outgoing_kernels()
    {
        var network = Cnn();
        var x = GradientCheck.Random(83, 3, 2, 5, 5);
        var options = new ForwardOptions { UnitMasks = new Dictionary<int, float[]> { [1] = Lesion(3, 0, 2) } };
        var pruned = network.Clone();
        var w = pruned.Parameters.Span("layers.2.weight"); // [2, 3, 3, 3]
        for (int k = 0; k < 2; k++)
            foreach (int c in new[] { 0, 2 })
                w.Slice((k * 3 + c) * 9, 9).Clear();
        var masked = network.Forward(x, options);
        var expected = pruned.Forward(x);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected.Data[i], masked.Data[i], 5);
    }

    [Fact]
    public void Masked_networks_match_finite_differences_with_fractional_multipliers()
    {
        var options = new ForwardOptions
        {
            Training = true,
            UnitMasks = new Dictionary<int, float[]> { [0] = [1f, 0f, 0.5f], [3] = [2f, -1f] },
        };
        GradientCheck.CheckNetwork(Cnn(), GradientCheck.Random(84, 3, 2, 5, 5), options);
    }

    [Fact]
    public void Masks_with_the_wrong_length_or_module_are_clear_errors()
    {
        var network = Mlp();
        var x = Tensor.Zeros(1, 6);
        var e1 = Assert.Throws<ArgumentException>(() => network.Forward(x, new ForwardOptions { UnitMasks = new Dictionary<int, float[]> { [1] = [1f] } }));
        Assert.Contains("module 1 (relu) has 5 units", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => network.Forward(x, new ForwardOptions { To = 2, UnitMasks = new Dictionary<int, float[]> { [4] = [1f, 1f, 1f] } }));
        Assert.Contains("outside the modules run (0..2)", e2.Message);
    }

    [Fact]
    public void Masking_all_units_of_a_layer_leaves_only_the_downstream_biases()
    {
        var network = Mlp();
        var y = network.Forward(GradientCheck.Random(85, 2, 6), new ForwardOptions { UnitMasks = new Dictionary<int, float[]> { [3] = new float[4] } });
        var bias = network.Parameters.Read("layers.2.bias");
        Assert.Equal(bias.Concat(bias), y.Data);
    }

    [Fact]
    public void Masks_apply_in_concurrent_passes_independently()
    {
        var network = Mlp();
        var x = GradientCheck.Random(86, 8, 6);
        var plain = network.Forward(x).Data;
        var lesioned = network.Forward(x, new ForwardOptions { UnitMasks = new Dictionary<int, float[]> { [1] = Lesion(5, 0, 1) } }).Data;
        var results = new float[16][];
        Parallel.For(0, 16, i => results[i] = network.Forward(x, i % 2 == 0 ? null : new ForwardOptions { UnitMasks = new Dictionary<int, float[]> { [1] = Lesion(5, 0, 1) } }).Data);
        for (int i = 0; i < 16; i++) Assert.Equal(i % 2 == 0 ? plain : lesioned, results[i]);
        Assert.NotEqual(plain, lesioned);
    }
}
