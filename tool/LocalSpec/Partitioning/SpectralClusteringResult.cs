namespace LocalSpec.Partitioning;

/// <summary>One normalized spectral clustering (METHOD.md §4).</summary>
/// <param name="Labels">[N]: −1 for excluded (dead) and zero-degree nodes; else 0..ClusterCount−1, numbered in order of first appearance.</param>
/// <param name="ClusterCount">Distinct labels used: min(K, usable nodes) unless k-means left some centres with identical points.</param>
/// <param name="RequestedK">The K asked for.</param>
/// <param name="Eigenvalues">The min(K, usable) smallest eigenvalues of L_sym = I − D^−½ W D^−½ over the usable nodes, ascending.</param>
/// <param name="NCut">½ Σ_c W(c, c̄) / vol(c) over the usable nodes (paper A.1).</param>
/// <param name="Inertia">The winning k-means restart's Σ ‖u_i − centre‖² (0 when every node is its own cluster).</param>
/// <param name="UsableNodes">Nodes neither excluded nor of zero degree: the ones clustered.</param>
/// <param name="Components">Connected components among the usable nodes.</param>
/// <param name="Solver">The eigen-solver used for the largest component.</param>
/// <param name="EigenResidual">max ‖Mx − μx‖ of the eigenpairs used (0 for the dense solver, which is exact to rounding).</param>
/// <param name="EigenConverged">False when Lanczos stopped at its product budget before the tolerance.</param>
public sealed record SpectralClusteringResult(
    int[] Labels,
    int ClusterCount,
    int RequestedK,
    double[] Eigenvalues,
    double NCut,
    double Inertia,
    ulong Seed,
    int Restarts,
    int UsableNodes,
    int Components,
    EigenSolverChoice Solver,
    double EigenResidual,
    bool EigenConverged);
