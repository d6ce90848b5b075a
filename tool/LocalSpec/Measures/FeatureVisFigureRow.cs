namespace LocalSpec.Measures;

/// <summary>One row of a <see cref="FeatureVisFigure"/>: a subcluster's visualization and its controls', in draw order.</summary>
public sealed record FeatureVisFigureRow(int Cluster, float[] TrueImage, IReadOnlyList<float[]> RandomImages);
