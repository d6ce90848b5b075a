namespace LocalSpec.Pipeline;

/// <summary>The manifest's <c>measures.featvis</c> settings (METHOD.md §6, the paper's A.6).</summary>
public sealed record FeatureVisSection(int Steps, double Lr, int Jitter);
