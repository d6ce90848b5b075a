namespace LocalSpec.Measures;

/// <summary>One analysed subcluster's value of one proxy and the values of its random controls (METHOD.md §5–§6).</summary>
/// <param name="Layer">The i of the <c>layers.{i}</c> weight tensor whose output units these are.</param>
/// <param name="Cluster">The cluster label the units share.</param>
/// <param name="Units">The subcluster's units (indices of that layer's outputs), ascending.</param>
/// <param name="True">The proxy's value for the subcluster.</param>
/// <param name="Random">The proxy's value for each random control, in draw order.</param>
public sealed record SubclusterMeasurement(int Layer, int Cluster, int[] Units, double True, double[] Random);
