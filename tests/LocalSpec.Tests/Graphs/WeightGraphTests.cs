using LocalSpec.Graphs;
using LocalSpec.Nn;
using LocalSpec.Numerics;
using static LocalSpec.Tests.Graphs.GraphTestNetworks;

namespace LocalSpec.Tests.Graphs;

public sealed class WeightGraphTests
{
    [Fact]
    public void Mlp_weight_graph_links_consecutive_layers_by_absolute_weights_and_ignores_biases()
    {
        var network = Create([1, 1, 3], 1, new FlattenSpec(), new DenseSpec(2), new ReluSpec(), new DenseSpec(2));
        Set(network, "layers.0.weight", 1, -2, 3, -4, 5, -6);
        Set(network, "layers.0.bias", 10, 20);
        Set(network, "layers.1.weight", 0.5f, -0.25f, 0, 7);
        Set(network, "layers.1.bias", -30, 40);

        var graph = WeightGraph.Build(network);

        // nodes: inputs 0..2, layers.0 3..4, layers.1 5..6; edge (i, next j) = |W[j, i]|
        var expected = Symmetric(7,
            (0, 3, 1), (1, 3, 2), (2, 3, 3), (0, 4, 4), (1, 4, 5), (2, 4, 6),
            (3, 5, 0.5f), (4, 5, 0.25f), (3, 6, 0), (4, 6, 7));
        Assert.Equal(expected, graph.Adjacency);
        Assert.Equal(GraphKind.Weights, graph.Kind);
        Assert.All(graph.Dead, d => Assert.False(d));
        Assert.Equal(
            [new GraphLayer("input", -1, 3, 0) { Role = GraphLayerRole.Input }, new GraphLayer("layers.0", 0, 2, 3),
             new GraphLayer("layers.1", 1, 2, 5) { Role = GraphLayerRole.Output }],
            graph.Layers);
    }

    [Fact]
    public void Mlp_batchnorm_between_dense_layers_scales_the_edges_leaving_each_unit()
    {
        var network = Create([2], 2, new DenseSpec(2), new BatchNormSpec(Eps: 0.25), new ReluSpec(), new DropoutSpec(0.5), new DenseSpec(1));
        Set(network, "layers.1.weight", -2, 1);           // γ
        Set(network, "layers.1.running_var", 0.75f, 3.75f); // |γ| / sqrt(σ² + ε) = 2, 0.5
        Set(network, "layers.1.running_mean", 5, -5);       // no effect
        Set(network, "layers.2.weight", 3, -4);

        var graph = WeightGraph.Build(network);

        Assert.Equal(6f, graph[2, 4]);
        Assert.Equal(2f, graph[3, 4]);
        Assert.Equal(graph[4, 2], graph[2, 4]);
    }

    [Fact]
    public void Mlp_batchnorm_before_the_flatten_scales_each_input_feature_by_its_channel()
    {
        var network = Create([2, 1, 2], 3, new BatchNormSpec(Eps: 0.25), new FlattenSpec(), new DenseSpec(1));
        Set(network, "layers.0.weight", 1, -3);
        Set(network, "layers.0.running_var", 3.75f, 2f); // scales 0.5 (features 0, 1), 2 (features 2, 3)
        Set(network, "layers.1.weight", 1, 2, 3, 4);

        var graph = WeightGraph.Build(network);

        Assert.Equal([0.5f, 1f, 6f, 8f], Enumerable.Range(0, 4).Select(i => graph[i, 4]));
    }

    /// <summary>conv A (2) → relu → pool → BN → dropout → conv B (2) → relu → BN → flatten → dense.</summary>
    private static Network SmallCnn()
    {
        var network = Create([1, 6, 6], 4,
            new Conv2dSpec(2, 3, Padding.Same), new ReluSpec(), new MaxPool2dSpec(2), new BatchNormSpec(Eps: 0.25), new DropoutSpec(0.5),
            new Conv2dSpec(2, 3, Padding.Valid), new ReluSpec(), new BatchNormSpec(), new FlattenSpec(), new DenseSpec(2));
        Set(network, "layers.1.weight", -1, 2);
        Set(network, "layers.1.running_var", 0.75f, 15.75f); // scales 1, 0.5
        Set(network, "layers.3.weight", 100, -100);          // after the last conv: no effect
        float[] k =
        [
            1, -1, 0, 0, 2, 0, 0, 0, -3,   // K[0, 0]: L1 7, induced max(1, 3, 3) = 3
            .. Enumerable.Repeat(0.5f, 9), // K[0, 1]: L1 4.5, induced 1.5
            0, 0, 0, 0, 0, 0, -4, 0, 0,    // K[1, 0]: L1 4, induced 4
            1, 2, 3, 4, 5, 6, 7, 8, 9,     // K[1, 1]: L1 45, induced max(12, 15, 18) = 18
        ];
        Set(network, "layers.2.weight", k);
        return network;
    }

    [Fact]
    public void Cnn_weight_graph_uses_the_L1_norm_of_kernel_slices_scaled_by_batchnorm_through_pooling()
    {
        var graph = WeightGraph.Build(SmallCnn());

        // nodes: conv A channels 0, 1; conv B channels 2, 3; edge (i, j) = s_i · ‖K_B[j, i]‖₁
        Assert.Equal(Symmetric(4, (0, 2, 7), (1, 2, 2.25f), (0, 3, 4), (1, 3, 22.5f)), graph.Adjacency);
        Assert.Equal([new GraphLayer("layers.0", 0, 2, 0), new GraphLayer("layers.2", 2, 2, 2)], graph.Layers);
    }

    [Fact]
    public void Induced_kernel_norm_takes_the_largest_column_sum_of_each_slice()
    {
        var graph = WeightGraph.Build(SmallCnn(), new WeightGraphOptions { KernelNorm = KernelNorm.Induced });

        Assert.Equal(Symmetric(4, (0, 2, 3), (1, 2, 0.75f), (0, 3, 4), (1, 3, 9)), graph.Adjacency);
    }

    [Fact]
    public void Slice_norms_match_their_definitions_on_a_non_square_slice()
    {
        float[] m = [1, -2, 3, -4, 5, -6]; // [2, 3]: column sums 5, 7, 9

        Assert.Equal(21, WeightGraph.SliceNorm(m, 2, 3, KernelNorm.L1));
        Assert.Equal(9, WeightGraph.SliceNorm(m, 2, 3, KernelNorm.Induced));
    }

    [Fact]
    public void Preset_weight_graphs_have_the_documented_nodes_and_layer_tables()
    {
        var mlp = WeightGraph.Build(Network.Create(Presets.Create("mlp", [1, 28, 28], 10), new Rng(0)));
        Assert.Equal(1818, mlp.NodeCount);
        Assert.Equal(["input", "layers.0", "layers.1", "layers.2", "layers.3", "layers.4"], mlp.Layers.Select(l => l.Name));
        Assert.Equal([784, 256, 256, 256, 256, 10], mlp.Layers.Select(l => l.Units));

        var cnn = WeightGraph.Build(Network.Create(Presets.Create("cnn", [1, 28, 28], 10), new Rng(0)));
        Assert.Equal(192, cnn.NodeCount);
        Assert.Equal([0, 1, 2], cnn.Layers.Select(l => l.ParameterLayer));
    }

    [Fact]
    public void Vgg_weight_graph_has_4224_channel_nodes_with_batchnorm_scaled_edges()
    {
        var network = Network.Create(Presets.Create("vgg-cifar", [3, 32, 32], 10), new Rng(5));
        var graph = WeightGraph.Build(network);

        Assert.Equal(4224, graph.NodeCount);
        Assert.Equal(Enumerable.Range(0, 13).Select(c => 2 * c), graph.Layers.Select(l => l.ParameterLayer));
        // channel 3 of conv 0 → channel 5 of conv 1 (layers.2), through BN layers.1 (γ 1, σ² 1, ε 1e-3)
        var k = network.Parameters.Read("layers.2.weight");
        double l1 = Enumerable.Range(0, 9).Sum(t => Math.Abs((double)k[(5 * 64 + 3) * 9 + t]));
        Assert.Equal(l1 / Math.Sqrt(1.001), graph[3, 64 + 5], 1e-6 * l1);
        Assert.Null(GraphValidation.Problem(graph));
    }

    [Fact]
    public void A_max_pool_before_an_mlp_s_first_dense_layer_is_refused_with_the_reason()
    {
        var network = Create([1, 4, 4], 6, new MaxPool2dSpec(2), new FlattenSpec(), new DenseSpec(2));

        var e = Assert.Throws<ArchitectureException>(() => WeightGraph.Build(network));
        Assert.Contains("module 0 (maxpool2d)", e.Message);
    }

    [Fact]
    public void A_network_without_dense_or_conv_layers_has_no_weight_graph()
    {
        var network = Create([1, 2, 2], 7, new FlattenSpec(), new ReluSpec());

        var e = Assert.Throws<ArchitectureException>(() => WeightGraph.Build(network));
        Assert.Contains("neither conv2d nor dense", e.Message);
    }

    [Fact]
    public void Non_finite_weights_and_impossible_variances_are_reported_by_tensor()
    {
        var network = Create([3], 8, new DenseSpec(2), new BatchNormSpec(), new DenseSpec(1));
        Set(network, "layers.2.weight", 1, float.NaN);
        Assert.Contains("layers.2.weight", Assert.Throws<ModelFileException>(() => WeightGraph.Build(network)).Message);

        Set(network, "layers.2.weight", 1, 1);
        Set(network, "layers.1.running_var", 1, -1);
        Assert.Contains("BatchNorm scale", Assert.Throws<ModelFileException>(() => WeightGraph.Build(network)).Message);
    }
}
