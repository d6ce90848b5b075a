namespace LocalSpec.Partitioning;

/// <summary>Reported when a clustering starts a phase.</summary>
/// <param name="Completed">Clusterings finished so far.</param>
/// <param name="Total">Clusterings this partition needs (1, or 1 + hidden layers in layer scope).</param>
/// <param name="Clustering">"network" or the layer's name.</param>
/// <param name="Step">The phase just started.</param>
public sealed record PartitionProgress(int Completed, int Total, string Clustering, SpectralClusteringStep Step);
