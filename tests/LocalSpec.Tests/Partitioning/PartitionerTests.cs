using LocalSpec.Graphs;
using LocalSpec.Partitioning;

namespace LocalSpec.Tests.Partitioning;

public sealed class PartitionerTests
{
    private static readonly (string, int, int)[] MlpLayers = [("input", -1, 6), ("layers.0", 0, 8), ("layers.2", 2, 8), ("layers.4", 4, 8), ("layers.6", 6, 3)];

    /// <summary>An MLP weight graph with two pathways: unit u of every layer belongs to pathway u mod 2.</summary>
    private static NeuronGraph TwoPathways(bool[]? dead = null) =>
        TestGraphs.Neurons(GraphKind.Weights, MlpLayers, TestGraphs.Pathways([6, 8, 8, 8, 3], 2, 1), dead);

    private static readonly SpectralClusteringOptions Two = new() { K = 2 };

    [Fact]
    public void Network_scope_labels_every_layer_and_finds_the_pathways()
    {
        Partition p = Partitioner.Run(TwoPathways(), PartitionScope.Network, Two);
        Assert.Equal(PartitionScope.Network, p.Scope);
        Assert.Equal([GraphLayerRole.Input, GraphLayerRole.Hidden, GraphLayerRole.Hidden, GraphLayerRole.Hidden, GraphLayerRole.Output], p.Layers.Select(l => l.Role));
        int[] all = [.. p.Layers.SelectMany(l => l.Labels)];
        Assert.True(TestGraphs.SamePartition([.. MlpLayers.SelectMany(l => Enumerable.Range(0, l.Item3).Select(u => u % 2))], all));
        Assert.All(p.Layers, l => Assert.Equal(2, l.K));
        Assert.NotNull(p.Network);
        Assert.Equal(p.Network!.NCut, p.NCut);
        Assert.Equal(2, p.Eigenvalues.Length);
        // Subclusters: the three hidden layers × two clusters, four units each, all analysable.
        Assert.Equal([0, 0, 2, 2, 4, 4], p.Subclusters.Select(s => s.Layer));
        Assert.All(p.Subclusters, s => Assert.True(s.Analysable && s.Units.Length == 4));
    }

    [Fact]
    public void Layer_scope_clusters_each_hidden_layer_with_the_network_scopes_k_and_keeps_only_its_labels()
    {
        NeuronGraph graph = TwoPathways();
        Partition p = Partitioner.Run(graph, PartitionScope.Layer, Two);
        Assert.Equal(PartitionScope.Layer, p.Scope);
        Assert.Null(p.Network);
        Assert.Empty(p.Eigenvalues);
        foreach (var (layer, i) in p.Layers.Select((l, i) => (l, i)))
        {
            if (layer.Role != GraphLayerRole.Hidden)
            {
                Assert.All(layer.Labels, l => Assert.Equal(-1, l));
                Assert.Null(layer.Clustering);
                continue;
            }
            Assert.Equal(2, layer.Clustering!.RequestedK);
            // Weights: the clustering saw layers l−1, l and l+1.
            Assert.Equal(graph.Layers[i - 1].Units + graph.Layers[i].Units + graph.Layers[i + 1].Units, layer.Clustering.Nodes);
            Assert.True(TestGraphs.SamePartition([.. Enumerable.Range(0, 8).Select(u => u % 2)], layer.Labels));
            Assert.Equal([0, 1], layer.Labels[..2]); // numbered in order of first appearance
        }
        Assert.Equal(p.Layers.Sum(l => l.Clustering?.NCut ?? 0), p.NCut);
        Assert.Equal(6, p.Subclusters.Count);
    }

    [Fact]
    public void Layer_scope_takes_k_from_the_network_partition_and_k_of_one_gives_one_cluster()
    {
        NeuronGraph graph = TwoPathways();
        Partition network = Partitioner.Network(graph, Two);
        LayerPartition middle = network.Layers[2];
        Partition edited = network with { Layers = [.. network.Layers.Select(l => l == middle ? l with { K = 1 } : l)] };
        Partition p = Partitioner.Layer(graph, Two, edited);
        Assert.Equal(1, p.Layers[2].Clustering!.RequestedK);
        Assert.All(p.Layers[2].Labels, l => Assert.Equal(0, l));
        Subcluster whole = Assert.Single(p.Subclusters, s => s.Layer == 2);
        Assert.False(whole.Analysable); // all eight live units
        Assert.Equal(2, p.Layers[1].Clustering!.RequestedK);
    }

    [Fact]
    public void An_activation_graphs_layer_is_clustered_alone()
    {
        var (a, _) = TestGraphs.Blocks([5, 5, 6, 6, 4, 4], (0.5, 1), (0, 0.1), 3);
        NeuronGraph graph = TestGraphs.Neurons(GraphKind.Activations, [("layers.0", 0, 10), ("layers.2", 2, 12), ("layers.4", 4, 8)], a);
        Assert.All(graph.Layers.Select(l => l.Role).ToArray(), r => Assert.Equal(GraphLayerRole.Hidden, r));
        Partition p = Partitioner.Run(graph, PartitionScope.Layer, Two with { K = 6 });
        Assert.Equal([10, 12, 8], p.Layers.Select(l => l.Clustering!.Nodes));
        Assert.All(p.Layers, l => Assert.Equal(2, l.K));
        Assert.True(TestGraphs.SamePartition([0, 0, 0, 0, 0, 1, 1, 1, 1, 1], p.Layers[0].Labels));
    }

    [Fact]
    public void Dead_units_are_unlabelled_listed_and_left_out_of_subclusters()
    {
        var dead = new bool[33];
        dead[6 + 3] = dead[6 + 8 + 0] = true; // unit 3 of layers.0, unit 0 of layers.2
        Partition p = Partitioner.Run(TwoPathways(dead), PartitionScope.Network, Two);
        Assert.Equal(-1, p.Layers[1].Labels[3]);
        Assert.Equal([3], p.Layers[1].Dead);
        Assert.Equal(7, p.Layers[1].LiveUnits);
        Assert.DoesNotContain(p.Subclusters, s => (s.Layer == 0 && s.Units.Contains(3)) || (s.Layer == 2 && s.Units.Contains(0)));
        Assert.Equal(8 - 1, p.Subclusters.Where(s => s.Layer == 0).Sum(s => s.Units.Length));
    }

    [Fact]
    public void The_layer_sub_graph_is_the_block_of_layers_around_it()
    {
        NeuronGraph graph = TwoPathways();
        var sub = GraphScopes.Layer(graph, 1); // input (6) + layers.0 (8) + layers.2 (8)
        Assert.Equal(22, sub.Graph.NodeCount);
        Assert.Equal(6, sub.FocusOffset);
        for (int i = 0; i < 22; i++)
            for (int j = 0; j < 22; j++) Assert.Equal(graph[i, j], sub.Graph[i, j]);
        var last = GraphScopes.Layer(graph, 4); // layers.4 + output: no layer after the last
        Assert.Equal(11, last.Graph.NodeCount);
        Assert.Equal(8, last.FocusOffset);
    }

    [Fact]
    public void Progress_counts_every_clustering_in_order()
    {
        var reports = new List<PartitionProgress>();
        Partitioner.Run(TwoPathways(), PartitionScope.Layer, Two, new Sink(reports));
        Assert.Equal(["network", "network", "layers.0", "layers.0", "layers.2", "layers.2", "layers.4", "layers.4"], reports.Select(r => r.Clustering));
        Assert.Equal([0, 0, 1, 1, 2, 2, 3, 3], reports.Select(r => r.Completed));
        Assert.All(reports, r => Assert.Equal(4, r.Total));
    }

    [Fact]
    public void A_network_partition_of_another_graph_is_refused()
    {
        Partition network = Partitioner.Network(TwoPathways(), Two);
        var (a, _) = TestGraphs.Blocks([5, 5], (0.5, 1), (0, 0.1), 3);
        NeuronGraph other = TestGraphs.Neurons(GraphKind.Activations, [("layers.0", 0, 10)], a);
        Assert.Throws<ArgumentException>(() => Partitioner.Layer(other, Two, network));
        Partition layer = Partitioner.Run(TwoPathways(), PartitionScope.Layer, Two);
        Assert.Throws<ArgumentException>(() => Partitioner.Layer(TwoPathways(), Two, layer));
    }

    private sealed class Sink(List<PartitionProgress> reports) : IProgress<PartitionProgress>
    {
        public void Report(PartitionProgress value) => reports.Add(value);
    }
}
