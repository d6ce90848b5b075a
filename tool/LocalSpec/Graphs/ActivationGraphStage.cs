namespace LocalSpec.Graphs;

/// <summary>The phases of <see cref="ActivationGraph.Build"/>, for progress displays.</summary>
public enum ActivationGraphStage
{
    /// <summary>Forward passes over the sampled examples (Done/Total count examples).</summary>
    Forward,

    /// <summary>Ranking and the Gram products (Done/Total = 0/1, then 1/1).</summary>
    Correlations,
}
