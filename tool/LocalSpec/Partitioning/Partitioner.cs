using LocalSpec.Graphs;

namespace LocalSpec.Partitioning;

/// <summary>
/// The partition stage: spectral clustering of a neuron graph in network or layer scope
/// (METHOD.md §3), then its subclusters (§5). Every clustering uses the options' seed.
/// </summary>
public static class Partitioner
{
    /// <summary>Network scope, or layer scope after the network clustering that fixes each k_l.</summary>
    /// <exception cref="PartitionException">The graph has a negative, non-finite, asymmetric or diagonal weight.</exception>
    public static Partition Run(NeuronGraph graph, PartitionScope scope, SpectralClusteringOptions? options = null,
        IProgress<PartitionProgress>? progress = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        options ??= new SpectralClusteringOptions();
        int hidden = graph.Layers.Select(l => l.Role).ToArray().Count(r => r == GraphLayerRole.Hidden);
        int total = scope == PartitionScope.Network ? 1 : 1 + hidden;
        Partition network = NetworkCore(graph, options, new Counter(progress, 0, total), cancel);
        return scope == PartitionScope.Network ? network : LayersCore(graph, options, network, new Counter(progress, 1, total), cancel);
    }

    /// <summary>One clustering of the whole graph with K clusters.</summary>
    /// <exception cref="PartitionException">The graph has a negative, non-finite, asymmetric or diagonal weight.</exception>
    public static Partition Network(NeuronGraph graph, SpectralClusteringOptions? options = null,
        IProgress<PartitionProgress>? progress = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return NetworkCore(graph, options ?? new SpectralClusteringOptions(), new Counter(progress, 0, 1), cancel);
    }

    /// <summary>
    /// Layer scope: each hidden layer l clustered on its own sub-graph with k_l = the number of
    /// clusters <paramref name="network"/> (the network-scope partition of the same graph) put
    /// into l. Only layer l's labels are kept. k_l = 1 gives one cluster and so no analysable
    /// subcluster; k_l = 0 (no clustered unit) leaves the layer unlabelled.
    /// </summary>
    /// <exception cref="PartitionException">The graph has a negative, non-finite, asymmetric or diagonal weight.</exception>
    public static Partition Layer(NeuronGraph graph, SpectralClusteringOptions? options, Partition network,
        IProgress<PartitionProgress>? progress = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(network);
        AffinityGraph.CheckWeights(graph.Adjacency, graph.NodeCount); // so that errors name whole-graph positions
        int hidden = graph.Layers.Select(l => l.Role).ToArray().Count(r => r == GraphLayerRole.Hidden);
        return LayersCore(graph, options ?? new SpectralClusteringOptions(), network, new Counter(progress, 0, hidden), cancel);
    }

    private static Partition NetworkCore(NeuronGraph graph, SpectralClusteringOptions options, Counter counter, CancellationToken cancel)
    {
        SpectralClusteringResult result = SpectralClustering.Cluster(graph, options, counter.Steps("network"), cancel);
        GraphLayerRole[] roles = graph.Layers.Select(l => l.Role).ToArray();
        var layers = graph.Layers.Select((layer, i) =>
        {
            int[] labels = result.Labels[layer.Offset..(layer.Offset + layer.Units)];
            return new LayerPartition(layer.Name, layer.ParameterLayer, roles[i], labels.Where(l => l >= 0).Distinct().Count(),
                labels, DeadUnits(graph, layer), null);
        }).ToArray();
        return new Partition(PartitionScope.Network, graph.Kind, options.K, options.Seed, options.Restarts, result.NCut,
            result.Eigenvalues, ClusteringSummary.From(result), layers, Subclusters.Find(layers)) { Selection = options.Selection };
    }

    private static Partition LayersCore(NeuronGraph graph, SpectralClusteringOptions options, Partition network, Counter counter, CancellationToken cancel)
    {
        CheckMatches(graph, network);
        GraphLayerRole[] roles = graph.Layers.Select(l => l.Role).ToArray();
        var layers = new LayerPartition[graph.Layers.Count];
        for (int i = 0; i < layers.Length; i++)
        {
            GraphLayer layer = graph.Layers[i];
            int[] dead = DeadUnits(graph, layer);
            int kl = network.Layers[i].K;
            if (roles[i] != GraphLayerRole.Hidden || kl == 0)
            {
                layers[i] = new LayerPartition(layer.Name, layer.ParameterLayer, roles[i], 0, Unlabelled(layer.Units), dead, null);
                if (roles[i] == GraphLayerRole.Hidden) counter.Next();
                continue;
            }
            ScopedGraph sub = GraphScopes.Layer(graph, i);
            SpectralClusteringResult result = SpectralClustering.Cluster(sub.Graph, options with { K = kl }, counter.Steps(layer.Name), cancel);
            counter.Next();
            var labels = Unlabelled(layer.Units);
            int[] units = [.. Enumerable.Range(0, layer.Units).Where(u => result.Labels[sub.FocusOffset + u] >= 0)];
            int clusters = SpectralClustering.Relabel([.. units.Select(u => result.Labels[sub.FocusOffset + u])], units, labels);
            layers[i] = new LayerPartition(layer.Name, layer.ParameterLayer, roles[i], clusters, labels, dead, ClusteringSummary.From(result));
        }
        double ncut = layers.Sum(l => l.Clustering?.NCut ?? 0);
        return new Partition(PartitionScope.Layer, graph.Kind, options.K, options.Seed, options.Restarts, ncut, [], null,
            layers, Subclusters.Find(layers)) { Selection = options.Selection };
    }

    private static void CheckMatches(NeuronGraph graph, Partition network)
    {
        if (network.Scope != PartitionScope.Network)
            throw new ArgumentException("the k of each layer comes from a network-scope partition", nameof(network));
        bool same = network.Layers.Count == graph.Layers.Count
            && network.Layers.Zip(graph.Layers).All(p => p.First.Name == p.Second.Name && p.First.Labels.Length == p.Second.Units);
        if (!same) throw new ArgumentException("the network partition is of a graph with other layers", nameof(network));
    }

    private static int[] DeadUnits(NeuronGraph graph, GraphLayer layer) =>
        [.. Enumerable.Range(0, layer.Units).Where(u => graph.Dead[layer.Offset + u])];

    private static int[] Unlabelled(int units)
    {
        var labels = new int[units];
        Array.Fill(labels, -1);
        return labels;
    }

    /// <summary>Counts finished clusterings and turns a clustering's phases into <see cref="PartitionProgress"/> reports.</summary>
    private sealed class Counter(IProgress<PartitionProgress>? progress, int completed, int total)
    {
        private int _completed = completed;

        public void Next() => _completed++;

        public IProgress<SpectralClusteringStep>? Steps(string name) =>
            progress is null ? null : new StepReporter(progress, _completed, total, name);
    }

    /// <summary>Reports synchronously on the calling thread (Progress&lt;T&gt; would post out of order).</summary>
    private sealed class StepReporter(IProgress<PartitionProgress> progress, int completed, int total, string name) : IProgress<SpectralClusteringStep>
    {
        public void Report(SpectralClusteringStep value) => progress.Report(new PartitionProgress(completed, total, name, value));
    }
}
