using System.Globalization;

namespace LocalSpec.Graphs;

/// <summary>
/// The invariants of a <see cref="NeuronGraph"/>'s adjacency that its constructor does not check
/// (they cost a pass over N² entries): finite, non-negative, zero diagonal, exactly symmetric, and
/// zero rows for dead units.
/// </summary>
internal static class GraphValidation
{
    private const int Tile = 64;

    /// <summary>Null when the graph is sound, else the first problem found, as one line.</summary>
    public static string? Problem(NeuronGraph graph)
    {
        var a = graph.Adjacency;
        int n = graph.NodeCount;
        for (int i0 = 0; i0 < n; i0 += Tile)
        {
            for (int j0 = i0; j0 < n; j0 += Tile)
            {
                if (TileProblem(a, n, i0, j0) is { } problem) return problem;
            }
        }
        for (int i = 0; i < n; i++)
        {
            if (!graph.Dead[i]) continue;
            int j = a.AsSpan(i * n, n).IndexOfAnyExcept(0f);
            if (j >= 0) return Invariant($"node {i} is marked dead but adjacency[{i}, {j}] = {a[(long)i * n + j]}");
        }
        return null;
    }

    // The block rows i0.., columns j0.. (j0 ≥ i0) against its mirror.
    private static string? TileProblem(float[] a, int n, int i0, int j0)
    {
        int i1 = Math.Min(n, i0 + Tile), j1 = Math.Min(n, j0 + Tile);
        for (int i = i0; i < i1; i++)
        {
            for (int j = Math.Max(j0, i); j < j1; j++)
            {
                float v = a[(long)i * n + j], mirror = a[(long)j * n + i];
                if (!float.IsFinite(v) || v < 0)
                    return Invariant($"adjacency[{i}, {j}] = {v}: edge weights must be finite and non-negative");
                if (i == j && v != 0)
                    return Invariant($"adjacency[{i}, {i}] = {v}: the diagonal must be zero (no self-loops)");
                if (v != mirror)
                    return Invariant($"adjacency is not symmetric: [{i}, {j}] = {v} but [{j}, {i}] = {mirror}");
            }
        }
        return null;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
