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
    public int NodeCount => Layers.Sum(l => l.Labels.Length);
}
