using LocalSpec.Data;
using LocalSpec.Graphs;
using LocalSpec.Nn;
using LocalSpec.Tests.Nn;
using static LocalSpec.Tests.Graphs.GraphTestNetworks;

namespace LocalSpec.Tests.Graphs;

public sealed class ActivationGraphTests
{
    private static Network SmallMlp() =>
        Create([1, 4, 4], 21, new FlattenSpec(), new DenseSpec(6), new ReluSpec(), new DenseSpec(5), new ReluSpec(), new DenseSpec(3));

    private static Network SmallCnn()
    {
        var network = Create([2, 7, 7], 22,
            new Conv2dSpec(3, 3, Padding.Same), new ReluSpec(), new BatchNormSpec(), new MaxPool2dSpec(2),
            new Conv2dSpec(4, 3, Padding.Valid), new ReluSpec(), new FlattenSpec(), new DenseSpec(2));
        Set(network, "layers.1.weight", 1.5f, -0.5f, 2f);
        Set(network, "layers.1.bias", 0.1f, -0.2f, 0.3f);
        Set(network, "layers.1.running_mean", 0.2f, 0.1f, -0.1f);
        Set(network, "layers.1.running_var", 0.5f, 2f, 1f);
        return network;
    }

    /// <summary>Unit u's activation per example from the double-precision ReferenceNet: module m's output, conv maps reduced to Σ|a|.</summary>
    private static List<double[]> OracleUnits(Network network, LabeledImages images, params int[] modules)
    {
        double[] p = network.Parameters.Data.Select(v => (double)v).ToArray();
        double[] x = images.Pixels.Select(v => (double)v).ToArray();
        var units = new List<double[]>();
        foreach (int m in modules)
        {
            double[] y = new ReferenceNet(network).Forward(p, x, images.Count, training: false, to: m);
            int c = network.Layers[m].Units, per = network.Layers[m].OutputLength / c;
            bool conv = network.Layers[m].Spec is Conv2dSpec;
            for (int u = 0; u < c; u++)
            {
                units.Add(Enumerable.Range(0, images.Count)
                    .Select(e => conv ? Enumerable.Range(0, per).Sum(k => Math.Abs(y[(e * c + u) * per + k])) : y[e * c + u]).ToArray());
            }
        }
        return units;
    }

    private static void AssertMatchesOracle(NeuronGraph graph, List<double[]> units)
    {
        double[] expected = NaiveSpearman.Squared(units);
        Assert.Contains(expected, v => v > 0.01);
        GraphReference.AssertClose(expected, graph.Adjacency.Select(v => (double)v).ToArray(), 1e-6, 1e-12, "ρ²");
    }

    [Fact]
    public void Mlp_activation_graph_is_the_squared_spearman_of_the_hidden_layers_pre_relu_outputs()
    {
        var network = SmallMlp();
        var images = RandomImages(40, 1, 4, 4, 1);

        var graph = ActivationGraph.Build(network, images);

        Assert.Equal(GraphKind.Activations, graph.Kind);
        Assert.Equal([new GraphLayer("layers.0", 0, 6, 0), new GraphLayer("layers.1", 1, 5, 6)], graph.Layers);
        AssertMatchesOracle(graph, OracleUnits(network, images, 1, 3));
        Assert.All(graph.Dead, d => Assert.False(d));
    }

    [Fact]
    public void Cnn_activation_graph_reduces_each_conv_channel_to_the_sum_of_absolute_values_of_its_map()
    {
        var network = SmallCnn();
        var images = RandomImages(30, 2, 7, 7, 2);

        var graph = ActivationGraph.Build(network, images);

        Assert.Equal(["layers.0", "layers.2"], graph.Layers.Select(l => l.Name));
        AssertMatchesOracle(graph, OracleUnits(network, images, 0, 4));
    }

    [Fact]
    public void Units_that_never_vary_are_dead_with_zero_rows()
    {
        var network = Create([3], 23, new DenseSpec(3), new ReluSpec(), new DenseSpec(2), new ReluSpec(), new DenseSpec(1));
        var w = network.Parameters.Read("layers.0.weight");
        w.AsSpan(3, 3).Clear(); // unit 1 of layers.0: zero weights, bias 0.7 → always 0.7
        Set(network, "layers.0.weight", w);
        Set(network, "layers.0.bias", 0, 0.7f, 0);
        var images = RandomImages(25, 3, 1, 1, 3);

        var graph = ActivationGraph.Build(network, images);

        Assert.Equal([false, true, false, false, false], graph.Dead);
        for (int k = 0; k < graph.NodeCount; k++)
        {
            Assert.Equal(0f, graph[1, k]);
            Assert.Equal(0f, graph[k, 1]);
        }
        Assert.True(graph[0, 3] > 0);
        Assert.Null(GraphValidation.Problem(graph));
    }

    [Fact]
    public void The_seeded_sample_is_sorted_distinct_and_fixed_by_the_seed()
    {
        var options = new ActivationGraphOptions { Seed = 4 };
        int[] sample = ActivationGraph.SelectExamples(7996, options);

        Assert.Equal(5000, sample.Length);
        Assert.Equal(sample.Order(), sample);
        Assert.Equal(5000, sample.Distinct().Count());
        Assert.InRange(sample[^1], 0, 7995);
        Assert.Equal(sample, ActivationGraph.SelectExamples(7996, options));
        Assert.NotEqual(sample, ActivationGraph.SelectExamples(7996, options with { Seed = 5 }));
        Assert.Equal(Enumerable.Range(0, 4000), ActivationGraph.SelectExamples(4000, options));
    }

    [Fact]
    public void Explicit_example_indices_are_used_as_given_and_checked()
    {
        Assert.Equal([9, 2, 5], ActivationGraph.SelectExamples(10, new ActivationGraphOptions { ExampleIndices = [9, 2, 5] }));
        Assert.Throws<ArgumentException>(() => ActivationGraph.SelectExamples(10, new ActivationGraphOptions { ExampleIndices = [1, 2, 1] }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ActivationGraph.SelectExamples(10, new ActivationGraphOptions { ExampleIndices = [1, 10] }));
        Assert.Throws<ArgumentException>(() => ActivationGraph.SelectExamples(10, new ActivationGraphOptions { ExampleIndices = [1] }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ActivationGraph.SelectExamples(10, new ActivationGraphOptions { MaxExamples = 1 }));
        Assert.Throws<ArgumentException>(() => ActivationGraph.SelectExamples(1, new ActivationGraphOptions()));
    }

    [Fact]
    public void The_graph_depends_only_on_the_examples_not_on_their_order_or_the_batch_size()
    {
        var network = SmallMlp();
        var images = RandomImages(100, 1, 4, 4, 5);
        var options = new ActivationGraphOptions { MaxExamples = 37, Seed = 8 };
        int[] sample = ActivationGraph.SelectExamples(images.Count, options);

        var graph = ActivationGraph.Build(network, images, options);

        Assert.Equal(graph.Adjacency, ActivationGraph.Build(network, images, options).Adjacency);
        Assert.Equal(graph.Adjacency, ActivationGraph.Build(network, images, options with { BatchSize = 7 }).Adjacency);
        var reversed = new ActivationGraphOptions { ExampleIndices = sample.Reverse().ToArray() };
        Assert.Equal(graph.Adjacency, ActivationGraph.Build(network, images, reversed).Adjacency);
        var other = ActivationGraph.Build(network, images, options with { Seed = 9 });
        Assert.NotEqual(graph.Adjacency, other.Adjacency);
    }

    [Fact]
    public void Progress_covers_every_example_then_the_correlations()
    {
        var progress = new ListProgress<ActivationGraphProgress>();

        ActivationGraph.Build(SmallMlp(), RandomImages(23, 1, 4, 4, 6), new ActivationGraphOptions { BatchSize = 10 }, progress);

        Assert.Equal(
            [new(ActivationGraphStage.Forward, 0, 23), new(ActivationGraphStage.Forward, 10, 23), new(ActivationGraphStage.Forward, 20, 23),
             new(ActivationGraphStage.Forward, 23, 23), new(ActivationGraphStage.Correlations, 0, 1), new ActivationGraphProgress(ActivationGraphStage.Correlations, 1, 1)],
            progress.Reports);
    }

    [Fact]
    public void A_cancelled_build_stops()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => ActivationGraph.Build(SmallMlp(), RandomImages(5, 1, 4, 4, 7), cancel: cancel.Token));
    }

    [Fact]
    public void Images_that_do_not_fit_and_networks_without_hidden_units_are_refused()
    {
        Assert.Throws<ArgumentException>(() => ActivationGraph.Build(SmallMlp(), RandomImages(5, 1, 5, 5, 8)));
        var logitsOnly = Create([1, 2, 2], 24, new FlattenSpec(), new DenseSpec(3));
        Assert.Throws<ArchitectureException>(() => ActivationGraph.Build(logitsOnly, RandomImages(5, 1, 2, 2, 9)));
    }
}
