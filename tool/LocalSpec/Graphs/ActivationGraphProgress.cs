namespace LocalSpec.Graphs;

/// <summary>How far <see cref="ActivationGraph.Build"/> has got.</summary>
public sealed record ActivationGraphProgress(ActivationGraphStage Stage, int Done, int Total);
