using System.Globalization;
using System.Runtime.CompilerServices;

namespace LocalSpec.Partitioning;

/// <summary>
/// A validated weighted graph ready for spectral clustering (METHOD.md §4 step 1): the nodes
/// left after dropping excluded (dead) nodes and then zero-degree ones, their degrees over the
/// remaining graph, and its connected components.
/// </summary>
internal sealed class AffinityGraph
{
    private AffinityGraph(float[] adjacency, int n, double[] degree, int[] usable, int[][] components)
    {
        Adjacency = adjacency;
        N = n;
        Degree = degree;
        Usable = usable;
        Components = components;
    }

    /// <summary>[N, N] as given.</summary>
    public float[] Adjacency { get; }

    public int N { get; }

    /// <summary>[N]: Σ_j w_ij over live j (0 for excluded nodes).</summary>
    public double[] Degree { get; }

    /// <summary>Live nodes of positive degree, ascending.</summary>
    public int[] Usable { get; }

    /// <summary>Connected components of the usable nodes, each ascending, ordered by their first node.</summary>
    public int[][] Components { get; }

    /// <exception cref="PartitionException">A weight is negative, not finite, asymmetric or on the diagonal.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call: a one-shot CLI run never reaches tier 1
    public static AffinityGraph Build(float[] adjacency, int n, ReadOnlySpan<bool> excluded)
    {
        ArgumentNullException.ThrowIfNull(adjacency);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (adjacency.Length != (long)n * n) throw new ArgumentException($"adjacency has {adjacency.Length} entries, expected {n}×{n}", nameof(adjacency));
        if (excluded.Length != n) throw new ArgumentException($"excluded has {excluded.Length} entries, expected {n}", nameof(excluded));
        CheckWeights(adjacency, n);
        bool[] dropped = excluded.ToArray();
        var degree = new double[n];
        for (int i = 0; i < n; i++)
        {
            if (dropped[i]) continue;
            ReadOnlySpan<float> row = adjacency.AsSpan(i * n, n);
            double d = 0;
            for (int j = 0; j < n; j++)
                if (!dropped[j]) d += row[j];
            degree[i] = d;
        }
        int[] usable = Enumerable.Range(0, n).Where(i => !dropped[i] && degree[i] > 0).ToArray();
        return new AffinityGraph(adjacency, n, degree, usable, FindComponents(adjacency, n, usable));
    }

    /// <summary>Symmetric, finite, non-negative, zero diagonal; else one line naming the first bad entry.</summary>
    /// <exception cref="PartitionException">A weight is negative, not finite, asymmetric or on the diagonal.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call: a one-shot CLI run never reaches tier 1
    public static void CheckWeights(float[] a, int n)
    {
        const int tile = 64;
        for (int i0 = 0; i0 < n; i0 += tile)
            for (int j0 = 0; j0 <= i0; j0 += tile)
                for (int i = i0; i < Math.Min(i0 + tile, n); i++)
                    for (int j = j0; j < Math.Min(j0 + tile, i + 1); j++)
                    {
                        float w = a[i * n + j], t = a[j * n + i];
                        if (!float.IsFinite(w) || w < 0 || w != t || (i == j && w != 0))
                            throw new PartitionException(string.Create(CultureInfo.InvariantCulture, $"adjacency[{i}, {j}] = {w} {Problem(w, t, i == j)}"));
                    }
    }

    private static string Problem(float w, float transposed, bool diagonal) =>
        !float.IsFinite(w) ? "is not a finite number"
        : w < 0 ? "is negative (edge weights must be ≥ 0)"
        : diagonal ? "is on the diagonal (self-loops must be 0)"
        : string.Create(CultureInfo.InvariantCulture, $"differs from its transpose ({transposed}): the graph must be symmetric");

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call: a one-shot CLI run never reaches tier 1
    private static int[][] FindComponents(float[] a, int n, int[] usable)
    {
        var isUsable = new bool[n];
        foreach (int i in usable) isUsable[i] = true;
        var seen = new bool[n];
        var components = new List<int[]>();
        var stack = new Stack<int>();
        foreach (int start in usable)
        {
            if (seen[start]) continue;
            var members = new List<int>();
            seen[start] = true;
            stack.Push(start);
            while (stack.Count > 0)
            {
                int i = stack.Pop();
                members.Add(i);
                ReadOnlySpan<float> row = a.AsSpan(i * n, n);
                for (int j = 0; j < n; j++)
                {
                    if (row[j] == 0 || seen[j] || !isUsable[j]) continue;
                    seen[j] = true;
                    stack.Push(j);
                }
            }
            members.Sort();
            components.Add([.. members]);
        }
        return [.. components];
    }
}
