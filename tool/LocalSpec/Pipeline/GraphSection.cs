using LocalSpec.Graphs;

namespace LocalSpec.Pipeline;

/// <summary>The manifest's <c>graph</c> settings (METHOD.md §2), defaults resolved.</summary>
public sealed record GraphSection(KernelNorm KernelNorm, int ActivationSamples, ulong Seed);
