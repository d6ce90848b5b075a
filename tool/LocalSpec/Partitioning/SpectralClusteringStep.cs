namespace LocalSpec.Partitioning;

/// <summary>The phase a spectral clustering has started (reported for progress displays).</summary>
public enum SpectralClusteringStep
{
    /// <summary>Solving for the eigenvectors of the normalized Laplacian.</summary>
    Embedding,

    /// <summary>k-means restarts on the embedding's rows.</summary>
    KMeans,
}
