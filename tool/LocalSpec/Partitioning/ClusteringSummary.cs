namespace LocalSpec.Partitioning;

/// <summary>What partition.json records about one spectral clustering (METHOD.md §4 step 5).</summary>
/// <param name="RequestedK">The K it was run with (for a layer clustering, k_l).</param>
/// <param name="Clusters">Distinct clusters it made over all its nodes.</param>
/// <param name="Nodes">Nodes clustered (live, positive degree).</param>
/// <param name="Components">Connected components among them.</param>
/// <param name="NCut">½ Σ_c W(c, c̄)/vol(c) over the clustered nodes.</param>
/// <param name="Eigenvalues">The smallest eigenvalues of L_sym used, ascending.</param>
/// <param name="Inertia">The winning k-means restart's inertia.</param>
/// <param name="EigenResidual">max ‖Mx − μx‖ of the eigenpairs (0 when solved densely).</param>
public sealed record ClusteringSummary(
    int RequestedK,
    int Clusters,
    int Nodes,
    int Components,
    double NCut,
    double[] Eigenvalues,
    double Inertia,
    double EigenResidual)
{
    internal static ClusteringSummary From(SpectralClusteringResult r) =>
        new(r.RequestedK, r.ClusterCount, r.UsableNodes, r.Components, r.NCut, r.Eigenvalues, r.Inertia, r.EigenResidual);
}
