namespace LocalSpec.Graphs;

/// <summary>Settings of <see cref="ActivationGraph.Build"/> (METHOD.md §2, "Activations").</summary>
public sealed record ActivationGraphOptions
{
    /// <summary>At most this many training examples (all of them when the set is smaller).</summary>
    public int MaxExamples { get; init; } = 5000;

    /// <summary>Seed of the example sample (ignored with <see cref="ExampleIndices"/>).</summary>
    public ulong Seed { get; init; }

    /// <summary>
    /// Exactly these training examples instead of a seeded sample (distinct indices into the
    /// training set; their order does not change the graph).
    /// </summary>
    public IReadOnlyList<int>? ExampleIndices { get; init; }

    /// <summary>Examples per forward pass (memory only: the graph does not depend on it).</summary>
    public int BatchSize { get; init; } = 250;
}
