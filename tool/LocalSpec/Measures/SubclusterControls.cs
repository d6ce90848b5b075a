namespace LocalSpec.Measures;

/// <summary>
/// An analysed subcluster and its random controls (METHOD.md §5): <paramref name="RandomUnits"/>[j]
/// is the unit set whose proxy values are <see cref="SubclusterMeasurement.Random"/>[j].
/// </summary>
/// <param name="Layer">The i of <c>layers.{i}</c>.</param>
/// <param name="Cluster">The subcluster's cluster label.</param>
/// <param name="Units">The subcluster's units, ascending.</param>
/// <param name="RandomUnits">The random sets, each of the subcluster's size, ascending, drawn from the layer's live units.</param>
public sealed record SubclusterControls(int Layer, int Cluster, int[] Units, int[][] RandomUnits);
