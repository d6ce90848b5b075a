using LocalSpec.Graphs;

namespace LocalSpec.Partitioning;

/// <summary>
/// Normalized spectral clustering (METHOD.md §4; Shi &amp; Malik as von Luxburg describes it,
/// the algorithm of scikit-learn's <c>SpectralClustering(affinity='precomputed',
/// assign_labels='kmeans')</c>): drop excluded and zero-degree nodes, embed the rest with the K
/// smallest eigenvectors of the normalized Laplacian (<see cref="SpectralEmbedding"/>), cluster
/// the embedding's rows with k-means (<see cref="KMeans"/>; by default the restart of the lowest
/// n-cut, or of the lowest inertia as METHOD.md and scikit-learn do, by
/// <see cref="SpectralClusteringOptions.Selection"/>), report the n-cut
/// (<see cref="NormalizedCut"/>). Inputs are validated here; the rest is numerics.
/// </summary>
public static class SpectralClustering
{
    /// <summary>Clusters a neuron graph's live units (<see cref="NeuronGraph.Dead"/> units are excluded).</summary>
    /// <exception cref="PartitionException">The graph has a negative, non-finite, asymmetric or diagonal weight.</exception>
    public static SpectralClusteringResult Cluster(NeuronGraph graph, SpectralClusteringOptions? options = null,
        IProgress<SpectralClusteringStep>? progress = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return Cluster(graph.Adjacency, graph.NodeCount, graph.Dead, options, progress, cancel);
    }

    /// <summary>
    /// Clusters the nodes of adjacency [N, N] (symmetric, non-negative, zero diagonal) that are not
    /// <paramref name="excluded"/> [N]. When K is at least the number of usable nodes, each of them
    /// is its own cluster.
    /// </summary>
    /// <exception cref="PartitionException">The graph has a negative, non-finite, asymmetric or diagonal weight.</exception>
    public static SpectralClusteringResult Cluster(float[] adjacency, int n, ReadOnlySpan<bool> excluded, SpectralClusteringOptions? options = null,
        IProgress<SpectralClusteringStep>? progress = null, CancellationToken cancel = default)
    {
        options ??= new SpectralClusteringOptions();
        options.Validate();
        var graph = AffinityGraph.Build(adjacency, n, excluded);
        progress?.Report(SpectralClusteringStep.Embedding);
        SpectralEmbeddingResult embedding = SpectralEmbedding.Compute(graph, options.K, options);
        cancel.ThrowIfCancellationRequested();
        int m = embedding.Nodes.Length, k = embedding.Dimensions;
        var local = new int[m];
        double inertia = 0;
        if (k < m)
        {
            progress?.Report(SpectralClusteringStep.KMeans);
            var kmeans = new KMeansOptions
            {
                Restarts = options.Restarts,
                MaxIterations = options.MaxIterations,
                Tolerance = options.Tolerance,
                Seed = options.Seed,
            };
            Func<int[], double>? score = null;
            if (options.Selection == RestartSelection.NCut)
            {
                var scorer = new NCutScorer(graph);
                score = labels => scorer.Compute(labels, k);
            }
            KMeansResult fit = KMeans.Fit(embedding.Rows, m, k, k, kmeans, score);
            (local, inertia) = (fit.Labels, fit.Inertia);
        }
        else
        {
            for (int i = 0; i < m; i++) local[i] = i;
        }
        var labels = new int[n];
        Array.Fill(labels, -1);
        int clusters = Relabel(local, embedding.Nodes, labels);
        return new SpectralClusteringResult(labels, clusters, options.K, embedding.Eigenvalues,
            NormalizedCut.Compute(adjacency, n, labels), inertia, options.Seed, options.Restarts, m,
            embedding.Components, embedding.Solver, embedding.MaxResidual, embedding.Converged);
    }

    /// <summary>Numbers clusters 0, 1, … in order of first appearance along the nodes; returns how many.</summary>
    internal static int Relabel(int[] local, int[] nodes, int[] labels)
    {
        var map = new Dictionary<int, int>();
        for (int i = 0; i < nodes.Length; i++)
        {
            if (!map.TryGetValue(local[i], out int label)) map[local[i]] = label = map.Count;
            labels[nodes[i]] = label;
        }
        return map.Count;
    }
}
