namespace LocalSpec.Graphs;

/// <summary>Settings of <see cref="WeightGraph.Build"/>.</summary>
public sealed record WeightGraphOptions
{
    /// <summary>Kernel-slice norm for conv-to-conv edges; MLP graphs ignore it.</summary>
    public KernelNorm KernelNorm { get; init; } = KernelNorm.L1;
}
