namespace LocalSpec.Partitioning;

/// <summary>Which symmetric eigen-solver computes the spectral embedding.</summary>
public enum EigenSolverChoice
{
    /// <summary>Dense for components up to <see cref="SpectralEmbedding.DenseLimit"/> nodes, Lanczos above (chosen by measurement).</summary>
    Auto,

    /// <summary><see cref="Numerics.SymmetricEigen"/>: O(N³), exact to rounding.</summary>
    Dense,

    /// <summary><see cref="Numerics.Lanczos"/> on the sparse normalized adjacency: O(nonzeros) per product.</summary>
    Lanczos,
}
