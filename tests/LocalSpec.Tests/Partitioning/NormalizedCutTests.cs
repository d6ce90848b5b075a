using LocalSpec.Partitioning;

namespace LocalSpec.Tests.Partitioning;

public sealed class NormalizedCutTests
{
    [Fact]
    public void Two_triangles_joined_by_one_edge_have_the_hand_computed_n_cut()
    {
        // Triangles {0,1,2} and {3,4,5} with unit edges, bridge 2–3 of weight 0.5:
        // vol = 2+2+2.5 = 6.5 on each side, W(X, X̄) = 0.5, n-cut = ½ (0.5/6.5 + 0.5/6.5) = 1/13.
        var a = new float[36];
        void Edge(int i, int j, float w) => a[i * 6 + j] = a[j * 6 + i] = w;
        Edge(0, 1, 1); Edge(0, 2, 1); Edge(1, 2, 1); Edge(3, 4, 1); Edge(3, 5, 1); Edge(4, 5, 1); Edge(2, 3, 0.5f);
        Assert.Equal(1.0 / 13, NormalizedCut.Compute(a, 6, [0, 0, 0, 1, 1, 1]), 1e-15);
        Assert.Equal(0, NormalizedCut.Compute(a, 6, [4, 4, 4, 4, 4, 4]));
        // Node 5 left out: its edges count nowhere, so the right side's volume is d₃ + d₄ = 1.5 + 1.
        Assert.Equal(0.5 * (0.5 / 6.5 + 0.5 / 2.5), NormalizedCut.Compute(a, 6, [0, 0, 0, 1, 1, -1]), 1e-15);
    }

    [Fact]
    public void The_formula_equals_its_definition_on_every_partition_of_a_random_graph()
    {
        var (a, _) = TestGraphs.Blocks([3, 3, 3], (0, 1), (0, 1), 4);
        const int n = 9;
        int checkedPartitions = 0;
        foreach (int k in new[] { 2, 3 })
            foreach (int[] labels in BruteForce.Partitions(n, k))
            {
                Assert.Equal(BruteForce.NCutByDefinition(a, n, labels), NormalizedCut.Compute(a, n, labels), 1e-12);
                checkedPartitions++;
            }
        Assert.Equal(255 + 3025, checkedPartitions); // Stirling numbers S(9, 2) and S(9, 3)
    }

    [Fact]
    public void The_restart_scorer_gives_the_n_cut_of_the_full_graph_with_left_out_nodes_labelled_minus_one()
    {
        // Sparse blocks (zero weights between blocks 0 and 2), an isolated node and an excluded one.
        var (a, _) = TestGraphs.Blocks([7, 8, 6], (0.2, 1), (0, 0.3), 11);
        const int n = 21, isolated = 4, dead = 12;
        for (int i = 0; i < 7; i++)
            for (int j = 15; j < n; j++) a[i * n + j] = a[j * n + i] = 0;
        for (int j = 0; j < n; j++) a[isolated * n + j] = a[j * n + isolated] = 0;
        var excluded = new bool[n];
        excluded[dead] = true;
        var graph = AffinityGraph.Build(a, n, excluded);
        Assert.Equal(n - 2, graph.Usable.Length);
        var scorer = new NCutScorer(graph);
        var rng = new LocalSpec.Numerics.Rng(3);
        for (int trial = 0; trial < 50; trial++)
        {
            int k = 1 + rng.NextInt(5);
            int[] local = [.. graph.Usable.Select(_ => rng.NextInt(k))];
            var labels = Enumerable.Repeat(-1, n).ToArray();
            for (int r = 0; r < local.Length; r++) labels[graph.Usable[r]] = local[r];
            Assert.Equal(NormalizedCut.Compute(a, n, labels), scorer.Compute(local, k), 1e-14);
        }
    }

    [Fact]
    public void Bad_labels_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => NormalizedCut.Compute(new float[4], 2, [0]));
        Assert.Throws<ArgumentException>(() => NormalizedCut.Compute(new float[4], 2, [0, -2]));
        Assert.Throws<ArgumentException>(() => NormalizedCut.Compute(new float[3], 2, [0, 1]));
    }
}

/// <summary>Exhaustive search over partitions of small graphs.</summary>
internal static class BruteForce
{
    /// <summary>Every partition of N nodes into exactly K non-empty clusters, as restricted growth strings.</summary>
    public static IEnumerable<int[]> Partitions(int n, int k)
    {
        var labels = new int[n];
        IEnumerable<int[]> Grow(int i, int used)
        {
            if (i == n)
            {
                if (used == k) yield return (int[])labels.Clone();
                yield break;
            }
            if (k - used > n - i) yield break;
            for (int c = 0; c <= Math.Min(used, k - 1); c++)
            {
                labels[i] = c;
                foreach (int[] p in Grow(i + 1, Math.Max(used, c + 1))) yield return p;
            }
        }
        return Grow(0, 0);
    }

    /// <summary>½ Σ_X W(X, X̄)/vol(X) with W and vol summed pair by pair, as A.1 defines them.</summary>
    public static double NCutByDefinition(float[] a, int n, int[] labels)
    {
        double sum = 0;
        foreach (int c in labels.Where(l => l >= 0).Distinct())
        {
            double cut = 0, volume = 0;
            for (int i = 0; i < n; i++)
            {
                if (labels[i] != c) continue;
                for (int j = 0; j < n; j++)
                {
                    if (labels[j] < 0) continue;
                    volume += a[i * n + j];
                    if (labels[j] != c) cut += a[i * n + j];
                }
            }
            sum += cut / volume;
        }
        return sum / 2;
    }

    /// <summary>The smallest n-cut over all partitions into K clusters, and one partition reaching it.</summary>
    public static (double NCut, int[] Labels) Minimum(float[] a, int n, int k)
    {
        (double best, int[] labels) = (double.PositiveInfinity, []);
        foreach (int[] p in Partitions(n, k))
        {
            double v = NormalizedCut.Compute(a, n, p);
            if (v < best) (best, labels) = (v, p);
        }
        return (best, labels);
    }
}
