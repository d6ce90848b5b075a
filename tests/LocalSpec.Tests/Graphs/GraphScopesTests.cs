using LocalSpec.Graphs;
using LocalSpec.Nn;
using LocalSpec.Numerics;

namespace LocalSpec.Tests.Graphs;

public sealed class GraphScopesTests
{
    private static NeuronGraph MlpWeights() =>
        WeightGraph.Build(GraphTestNetworks.Create([5], 31,
            new DenseSpec(4), new ReluSpec(), new DenseSpec(3), new ReluSpec(), new DenseSpec(2)));

    /// <summary>An activation graph over three layers (2, 3, 2 units) with distinct entries and one dead unit.</summary>
    private static NeuronGraph Activations()
    {
        const int n = 7;
        var a = new float[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (i != j && i != 3 && j != 3) a[i * n + j] = (Math.Min(i, j) * 10 + Math.Max(i, j)) / 100f;
        GraphLayer[] layers = [new("layers.0", 0, 2, 0), new("layers.2", 2, 3, 2), new("layers.4", 4, 2, 5)];
        return new NeuronGraph(GraphKind.Activations, layers, a, [false, false, false, true, false, false, false]);
    }

    [Fact]
    public void Hidden_layers_are_the_ones_clustered_layer_by_layer()
    {
        Assert.Equal([1, 2], GraphScopes.ClusteredLayers(MlpWeights()));
        Assert.Equal([0, 1, 2], GraphScopes.ClusteredLayers(Activations()));
        var mlp = WeightGraph.Build(Network.Create(Presets.Create("mlp", [1, 28, 28], 10), new Rng(0)));
        Assert.Equal([1, 2, 3, 4], GraphScopes.ClusteredLayers(mlp));
        var cnn = WeightGraph.Build(Network.Create(Presets.Create("cnn", [1, 28, 28], 10), new Rng(0)));
        Assert.Equal([0, 1, 2], GraphScopes.ClusteredLayers(cnn));
    }

    [Fact]
    public void A_weight_scope_is_the_layer_with_its_neighbours_and_every_edge_among_them()
    {
        var graph = MlpWeights(); // input 5 (0..4), layers.0 4 (5..8), layers.1 3 (9..11), layers.2 2 (12..13)

        var scope = GraphScopes.Layer(graph, 2);

        Assert.Equal(Enumerable.Range(5, 9), scope.ParentNodes);
        Assert.Equal(["layers.0", "layers.1", "layers.2"], scope.Graph.Layers.Select(l => l.Name));
        Assert.Equal([0, 4, 7], scope.Graph.Layers.Select(l => l.Offset));
        Assert.Equal(GraphLayerRole.Output, scope.Graph.Layers[2].Role);
        Assert.Equal((2, 1, 4, 3), (scope.ParentLayer, scope.Focus, scope.FocusOffset, scope.FocusUnits));
        for (int i = 0; i < 9; i++)
            for (int j = 0; j < 9; j++)
                Assert.Equal(graph[scope.ParentNodes[i], scope.ParentNodes[j]], scope.Graph[i, j]);
        Assert.True(scope.Graph[0, 4] > 0 && scope.Graph[4, 7] > 0);
    }

    [Fact]
    public void The_first_and_last_layers_have_only_one_neighbour_in_their_scope()
    {
        var graph = MlpWeights();

        var first = GraphScopes.Layer(graph, 0);
        var last = GraphScopes.Layer(graph, 3);

        Assert.Equal(Enumerable.Range(0, 9), first.ParentNodes);
        Assert.Equal((0, 0, 5), (first.Focus, first.FocusOffset, first.FocusUnits));
        Assert.Equal(Enumerable.Range(9, 5), last.ParentNodes);
        Assert.Equal((1, 3, 2), (last.Focus, last.FocusOffset, last.FocusUnits));
    }

    [Fact]
    public void An_activation_scope_is_the_layer_s_own_block_with_its_dead_units()
    {
        var graph = Activations();

        var scope = GraphScopes.Layer(graph, 1);

        Assert.Equal([2, 3, 4], scope.ParentNodes);
        Assert.Equal([new GraphLayer("layers.2", 2, 3, 0)], scope.Graph.Layers);
        Assert.Equal([false, true, false], scope.Graph.Dead);
        Assert.Equal(GraphTestNetworks.Symmetric(3, (0, 2, 0.24f)), scope.Graph.Adjacency);
        Assert.Equal((0, 0, 3), (scope.Focus, scope.FocusOffset, scope.FocusUnits));
    }

    [Fact]
    public void A_layer_index_outside_the_graph_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GraphScopes.Layer(Activations(), 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => GraphScopes.Layer(Activations(), -1));
    }
}
