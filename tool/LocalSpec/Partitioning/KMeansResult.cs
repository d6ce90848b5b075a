namespace LocalSpec.Partitioning;

/// <summary>The best of a k-means run's restarts.</summary>
/// <param name="Labels">[N]: the centre each point is closest to (0..K−1).</param>
/// <param name="Centers">[K, D] row-major.</param>
/// <param name="Inertia">Σ_i ‖x_i − c_{label i}‖².</param>
/// <param name="Iterations">Lloyd iterations of the winning restart.</param>
/// <param name="Restart">Which restart won (the first of equals).</param>
public sealed record KMeansResult(int[] Labels, double[] Centers, double Inertia, int Iterations, int Restart);
