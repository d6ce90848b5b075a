using LocalSpec.Partitioning;

namespace LocalSpec.Pipeline;

/// <summary>The manifest's <c>clustering</c> settings (METHOD.md §4): k-means restarts, which restart is kept, and the seed.</summary>
public sealed record ClusteringSection(int NInit, RestartSelection Select, ulong Seed);
