namespace LocalSpec.Partitioning;

/// <summary>The spectral embedding of a graph's usable nodes (METHOD.md §4 steps 1–3).</summary>
/// <param name="Nodes">[M]: the usable nodes (live, positive degree), ascending; row i of <paramref name="Rows"/> is node Nodes[i].</param>
/// <param name="Rows">[M, K] row-major: u = D^−½ x for the K smallest eigenvectors x of L_sym, one column each, canonical signs.</param>
/// <param name="Eigenvalues">[K]: the L_sym eigenvalues of the columns, ascending.</param>
/// <param name="Components">Connected components among the usable nodes.</param>
/// <param name="Solver">The solver used for the largest component.</param>
/// <param name="MaxResidual">max ‖Mx − μx‖ over the computed pairs (0 when solved densely).</param>
/// <param name="Converged">False when Lanczos hit its product budget.</param>
public sealed record SpectralEmbeddingResult(
    int[] Nodes,
    double[] Rows,
    double[] Eigenvalues,
    int Components,
    EigenSolverChoice Solver,
    double MaxResidual,
    bool Converged)
{
    public int Dimensions => Eigenvalues.Length;
}
