namespace LocalSpec.Pipeline;

/// <summary>The manifest's <c>clustering</c> settings (METHOD.md §4): k-means restarts and the seed.</summary>
public sealed record ClusteringSection(int NInit, ulong Seed);
