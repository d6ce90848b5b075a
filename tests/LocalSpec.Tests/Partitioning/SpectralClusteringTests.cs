using System.Text.Json;
using LocalSpec.Partitioning;

namespace LocalSpec.Tests.Partitioning;

public sealed class SpectralClusteringTests
{
    private static SpectralClusteringResult Cluster(float[] a, int k, bool[]? excluded = null, ulong seed = 0,
        EigenSolverChoice solver = EigenSolverChoice.Auto, RestartSelection selection = RestartSelection.NCut)
    {
        int n = (int)Math.Sqrt(a.Length);
        return SpectralClustering.Cluster(a, n, excluded ?? new bool[n], new SpectralClusteringOptions { K = k, Seed = seed, Solver = solver, Selection = selection });
    }

    [Fact]
    public void A_block_diagonal_graph_is_split_into_its_blocks_with_zero_eigenvalues_and_zero_n_cut()
    {
        var (a, blocks) = TestGraphs.Blocks([5, 7, 4, 6], (0.2, 1), (0, 0), 1);
        SpectralClusteringResult r = Cluster(a, 4);
        Assert.True(TestGraphs.SamePartition(blocks, r.Labels));
        Assert.Equal(4, r.Components);
        Assert.Equal([0, 0, 0, 0], r.Eigenvalues);
        Assert.Equal(0, r.NCut);
    }

    [Fact]
    public void More_components_than_clusters_keeps_every_component_whole()
    {
        var (a, blocks) = TestGraphs.Blocks([8, 6, 5, 3, 2], (0.2, 1), (0, 0), 2);
        SpectralClusteringResult r = Cluster(a, 3);
        Assert.Equal(3, r.ClusterCount);
        Assert.Equal(0, r.NCut);
        foreach (var block in Enumerable.Range(0, blocks.Length).GroupBy(i => blocks[i]))
            Assert.Single(block.Select(i => r.Labels[i]).Distinct());
    }

    [Theory]
    [InlineData(EigenSolverChoice.Dense)]
    [InlineData(EigenSolverChoice.Lanczos)]
    public void Noisy_blocks_are_recovered_exactly(EigenSolverChoice solver)
    {
        var (a, blocks) = TestGraphs.Blocks([30, 40, 50, 25], (0.5, 1), (0, 0.3), 3);
        SpectralClusteringResult r = Cluster(a, 4, solver: solver);
        Assert.True(TestGraphs.SamePartition(blocks, r.Labels));
        Assert.Equal(solver, r.Solver);
        Assert.True(r.EigenConverged);
    }

    [Fact]
    public void Dense_and_Lanczos_solvers_give_the_same_eigenvalues_and_labels()
    {
        var (a, _) = TestGraphs.Blocks([60, 90, 100, 70, 80], (0.3, 1), (0, 0.4), 5);
        SpectralClusteringResult dense = Cluster(a, 5, solver: EigenSolverChoice.Dense);
        SpectralClusteringResult lanczos = Cluster(a, 5, solver: EigenSolverChoice.Lanczos);
        for (int i = 0; i < 5; i++) Assert.Equal(dense.Eigenvalues[i], lanczos.Eigenvalues[i], 1e-10);
        Assert.Equal(dense.Labels, lanczos.Labels);
        Assert.True(lanczos.EigenResidual < 1e-10);
    }

    [Theory]
    [InlineData(2, new[] { 4, 5 }, 11UL)]
    [InlineData(3, new[] { 3, 4, 3 }, 12UL)]
    [InlineData(3, new[] { 2, 3, 3 }, 13UL)]
    public void On_clear_small_graphs_the_minimum_n_cut_over_all_partitions_is_reached(int k, int[] sizes, ulong seed)
    {
        var (a, _) = TestGraphs.Blocks(sizes, (0.4, 1), (0, 0.25), seed);
        int n = sizes.Sum();
        var (best, labels) = BruteForce.Minimum(a, n, k);
        SpectralClusteringResult r = Cluster(a, k);
        Assert.Equal(best, r.NCut, 1e-12);
        Assert.True(TestGraphs.SamePartition(labels, r.Labels));
    }

    [Fact]
    public void The_embedding_matches_scikit_learn()
    {
        JsonElement e = TestGraphs.SklearnSmall.GetProperty("embedding");
        int n = e.GetProperty("n").GetInt32(), k = e.GetProperty("k").GetInt32();
        foreach (EigenSolverChoice solver in new[] { EigenSolverChoice.Dense, EigenSolverChoice.Lanczos })
        {
            SpectralEmbeddingResult r = SpectralEmbedding.Compute(e.GetProperty("adjacency").Floats(), n, new bool[n], k,
                new SpectralClusteringOptions { Solver = solver });
            double[] eigenvalues = e.GetProperty("eigenvalues").Doubles(), rows = e.GetProperty("rows").Doubles();
            for (int i = 0; i < k; i++) Assert.Equal(eigenvalues[i], r.Eigenvalues[i], 1e-12);
            // Both [N, K]; both make each column's largest-magnitude entry positive.
            for (int i = 0; i < n * k; i++) Assert.Equal(rows[i], r.Rows[i], 1e-9);
        }
    }

    [Fact]
    public void The_labels_and_n_cut_match_scikit_learn_on_a_noisy_three_block_graph()
    {
        JsonElement c = TestGraphs.SklearnSmall.GetProperty("clustering");
        int n = c.GetProperty("n").GetInt32();
        float[] a = c.GetProperty("adjacency").Floats();
        int[] labels = c.GetProperty("labels").Ints();
        // scikit-learn keeps the lowest-inertia restart; the same rule makes the same labels.
        SpectralClusteringResult r = Cluster(a, c.GetProperty("k").GetInt32(), selection: RestartSelection.Inertia);
        Assert.True(TestGraphs.SamePartition(labels, r.Labels));
        Assert.Equal(c.GetProperty("ncut").GetDouble(), NormalizedCut.Compute(a, n, labels), 1e-12);
        Assert.Equal(c.GetProperty("ncut").GetDouble(), r.NCut, 1e-12);
    }

    [Fact]
    public void Dead_and_zero_degree_nodes_are_labelled_minus_one_and_left_out_of_the_graph()
    {
        var (a, _) = TestGraphs.Blocks([10, 12, 9], (0.5, 1), (0, 0.2), 6);
        const int n = 31, isolated = 3, dead = 17;
        for (int j = 0; j < n; j++) a[isolated * n + j] = a[j * n + isolated] = 0;
        var excluded = new bool[n];
        excluded[dead] = true;
        SpectralClusteringResult r = Cluster(a, 3, excluded);
        Assert.Equal(-1, r.Labels[isolated]);
        Assert.Equal(-1, r.Labels[dead]);
        Assert.Equal(n - 2, r.UsableNodes);
        // The same as clustering the graph with the dead node's edges removed.
        var without = (float[])a.Clone();
        for (int j = 0; j < n; j++) without[dead * n + j] = without[j * n + dead] = 0;
        SpectralClusteringResult reference = Cluster(without, 3);
        Assert.Equal(reference.Labels, r.Labels);
        Assert.Equal(reference.NCut, r.NCut, 1e-12);
        Assert.Equal(reference.Eigenvalues, r.Eigenvalues);
    }

    [Fact]
    public void At_least_as_many_clusters_as_usable_nodes_makes_each_node_its_own_cluster()
    {
        var (a, _) = TestGraphs.Blocks([3, 3], (0.5, 1), (0.1, 0.2), 7);
        var excluded = new bool[6];
        excluded[4] = true;
        SpectralClusteringResult r = Cluster(a, 8, excluded);
        Assert.Equal([0, 1, 2, 3, -1, 4], r.Labels);
        Assert.Equal(5, r.ClusterCount);
        Assert.Equal(5, r.Eigenvalues.Length);
        Assert.Equal(8, r.RequestedK);
        Assert.Equal(0, r.Inertia);
        Assert.Equal(1.0 * 5 / 2, r.NCut, 1e-12); // every node's whole volume is cut
    }

    [Fact]
    public void One_cluster_puts_every_usable_node_together()
    {
        var (a, _) = TestGraphs.Blocks([4, 5], (0.5, 1), (0.1, 0.2), 8);
        SpectralClusteringResult r = Cluster(a, 1);
        Assert.All(r.Labels, l => Assert.Equal(0, l));
        Assert.Equal([0.0], r.Eigenvalues);
        Assert.Equal(0, r.NCut);
    }

    [Fact]
    public void A_graph_without_usable_nodes_gives_no_clusters()
    {
        foreach (int n in new[] { 0, 4 })
        {
            SpectralClusteringResult r = SpectralClustering.Cluster(new float[n * n], n, new bool[n]);
            Assert.All(r.Labels, l => Assert.Equal(-1, l));
            Assert.Equal(0, r.ClusterCount);
            Assert.Empty(r.Eigenvalues);
            Assert.Equal(0, r.NCut);
        }
    }

    [Fact]
    public void The_default_keeps_the_restart_of_the_lowest_n_cut()
    {
        Assert.Equal(RestartSelection.NCut, new SpectralClusteringOptions().Selection);
    }

    [Fact]
    public void Selecting_restarts_by_n_cut_never_gives_a_higher_n_cut_and_picks_the_best_of_the_same_restarts()
    {
        var (a, _) = TestGraphs.Blocks([9, 11, 10, 8, 12], (0.3, 1), (0, 0.45), 21);
        const int n = 50, k = 5;
        for (ulong seed = 0; seed < 8; seed++)
        {
            var byInertia = new SpectralClusteringOptions { K = k, Seed = seed, Restarts = 6, Selection = RestartSelection.Inertia };
            SpectralClusteringResult inertia = SpectralClustering.Cluster(a, n, new bool[n], byInertia);
            SpectralClusteringResult ncut = SpectralClustering.Cluster(a, n, new bool[n], byInertia with { Selection = RestartSelection.NCut });
            Assert.True(ncut.NCut <= inertia.NCut, $"seed {seed}: {ncut.NCut} > {inertia.NCut}");
            Assert.True(ncut.Inertia >= inertia.Inertia, $"seed {seed}: inertia {ncut.Inertia} < {inertia.Inertia}");
            // Oracle: each restart alone (restart r of a run draws from Fork(r), so the same starts),
            // its labels' n-cut by NormalizedCut; the selected n-cut is their minimum.
            SpectralEmbeddingResult e = SpectralEmbedding.Compute(a, n, new bool[n], k, byInertia);
            double best = double.PositiveInfinity;
            var root = new LocalSpec.Numerics.Rng(seed);
            for (int r = 0; r < 6; r++)
            {
                int[] starts = KMeansPlusPlus.Seed(e.Rows, n, k, k, 2 + (int)Math.Log(k), root.Fork((ulong)r));
                var centers = new double[k * k];
                for (int c = 0; c < k; c++) Array.Copy(e.Rows, starts[c] * k, centers, c * k, k);
                KMeansResult run = LloydIterations.Run(e.Rows, n, k, k, centers, 300, 1e-4 * KMeans.MeanVariance(e.Rows, n, k));
                best = Math.Min(best, NormalizedCut.Compute(a, n, run.Labels));
            }
            Assert.Equal(best, ncut.NCut, 1e-12);
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_result_to_the_bit()
    {
        var (a, _) = TestGraphs.Blocks([100, 120, 110], (0, 1), (0, 0.9), 9); // weak structure: k-means matters
        SpectralClusteringResult first = Cluster(a, 6, seed: 4), again = Cluster(a, 6, seed: 4);
        Assert.Equal(first.Labels, again.Labels);
        Assert.Equal(first.Eigenvalues, again.Eigenvalues);
        Assert.Equal(first.Inertia, again.Inertia);
        Assert.Equal(first.NCut, again.NCut);
        Assert.Equal(Enumerable.Range(0, first.ClusterCount), first.Labels.Where(l => l >= 0).Distinct());
    }

    [Theory]
    [InlineData(2, 5, -0.5f, "adjacency[5, 2] = -0.5 is negative")]
    [InlineData(4, 1, float.NaN, "adjacency[4, 1] = NaN is not a finite number")]
    [InlineData(3, 3, 0.5f, "adjacency[3, 3] = 0.5 is on the diagonal")]
    public void Bad_weights_are_reported_with_their_position(int i, int j, float value, string message)
    {
        var (a, _) = TestGraphs.Blocks([3, 3], (0.5, 1), (0.1, 0.2), 10);
        a[i * 6 + j] = a[j * 6 + i] = value;
        Assert.Contains(message, Assert.Throws<PartitionException>(() => Cluster(a, 2)).Message);
    }

    [Fact]
    public void An_asymmetric_graph_is_rejected()
    {
        var (a, _) = TestGraphs.Blocks([3, 3], (0.5, 1), (0.1, 0.2), 10);
        a[1 * 6 + 4] = 0.75f;
        Assert.Contains("adjacency[4, 1]", Assert.Throws<PartitionException>(() => Cluster(a, 2)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Cluster(a, 0));
    }
}
