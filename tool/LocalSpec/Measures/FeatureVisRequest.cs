namespace LocalSpec.Measures;

/// <summary>
/// Unit sets of one parametrised layer to visualise together in one batch (typically a true
/// subcluster followed by its random controls).
/// </summary>
/// <param name="ParameterLayer">i of "layers.{i}", a dense or conv2d layer whose pre-activations are maximised.</param>
/// <param name="UnitSets">Per image the unit indices c (output features of a dense layer, channels of a conv layer).</param>
/// <param name="Id">Identifies the request in the random streams (e.g. the subcluster's index); the same id gives the same images.</param>
public sealed record FeatureVisRequest(int ParameterLayer, IReadOnlyList<int[]> UnitSets, ulong Id = 0);
