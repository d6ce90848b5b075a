namespace LocalSpec.Partitioning;

/// <summary>How much of the graph one clustering sees (METHOD.md §3).</summary>
public enum PartitionScope
{
    /// <summary>One clustering of the whole graph.</summary>
    Network,

    /// <summary>One clustering per hidden layer: weights on layers l−1, l, l+1; activations on layer l alone.</summary>
    Layer,
}
