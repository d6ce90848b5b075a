using LocalSpec.Graphs;
namespace LocalSpec.Partitioning;

/// <summary>One graph layer's part of a partition.</summary>
/// <param name="Name">The graph layer's name.</param>
/// <param name="ParameterLayer">The i of <c>layers.{i}</c> whose outputs these units are (−1 for the input).</param>
/// <param name="Role">Input, hidden or output.</param>
/// <param name="K">Distinct clusters among this layer's units.</param>
/// <param name="Labels">[units] in graph node order: the cluster of each unit, −1 for dead, zero-degree or unclustered units.</param>
/// <param name="Dead">Indices (within the layer) of the dead units, ascending.</param>
/// <param name="Clustering">Layer scope, hidden layers: the layer's own clustering; otherwise null.</param>
public sealed record LayerPartition(
    string Name,
    int ParameterLayer,
    GraphLayerRole Role,
    int K,
    int[] Labels,
    int[] Dead,
    ClusteringSummary? Clustering)
{
    /// <summary>Units that are not dead: the pool for random controls (METHOD.md §5).</summary>
    public int LiveUnits => Labels.Length - Dead.Length;
}
