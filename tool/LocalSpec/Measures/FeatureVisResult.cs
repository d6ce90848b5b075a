namespace LocalSpec.Measures;

/// <summary>The visualisations of one <see cref="FeatureVisRequest"/>, in the order of its unit sets.</summary>
/// <param name="ImageShape">Shape of every image: the network's per-example input shape [C, H, W].</param>
public sealed record FeatureVisResult(int ParameterLayer, ulong Id, int[] ImageShape, IReadOnlyList<FeatureVisualization> Visualizations);
