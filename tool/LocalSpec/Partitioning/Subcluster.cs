namespace LocalSpec.Partitioning;

/// <summary>
/// The live units of one hidden layer that share a cluster label (METHOD.md §5).
/// </summary>
/// <param name="Layer">The layer's parameter layer (the i of <c>layers.{i}</c>).</param>
/// <param name="Cluster">The label they share.</param>
/// <param name="Units">Their indices within the layer, ascending.</param>
/// <param name="Analysable">2 ≤ size &lt; the layer's live units: a lesion or visualization of it can differ from a random set.</param>
public sealed record Subcluster(int Layer, int Cluster, int[] Units, bool Analysable);
