using LocalSpec.Graphs;

namespace LocalSpec.Partitioning;

/// <summary>
/// The partition stage's result, the content of <c>partition.json</c> (<see cref="PartitionFile"/>).
/// <see cref="NCut"/> is the network clustering's n-cut (network scope) or the sum of the layer
/// clusterings' n-cuts (layer scope); <see cref="Eigenvalues"/> are the network clustering's
/// (empty in layer scope, where each layer's are under <see cref="LayerPartition.Clustering"/>).
/// </summary>
public sealed record Partition(
    PartitionScope Scope,
    GraphKind Kind,
    int K,
    ulong Seed,
    int Restarts,
    double NCut,
    double[] Eigenvalues,
    ClusteringSummary? Network,
    IReadOnlyList<LayerPartition> Layers,
    IReadOnlyList<Subcluster> Subclusters)
{
    /// <summary>
    /// Which k-means restart every clustering of this partition kept (<c>restart_selection</c>;
    /// files written before it was recorded used <see cref="RestartSelection.Inertia"/>).
    /// </summary>
    public RestartSelection Selection { get; init; } = RestartSelection.NCut;

    public int NodeCount => Layers.Sum(l => l.Labels.Length);
}
