namespace LocalSpec.Graphs;

/// <summary>
/// Where a graph came from, as graph.json records it: the model's SHA-256 and the options that
/// shaped the graph (nothing volatile, so the same graph always gives the same bytes).
/// </summary>
public sealed record GraphProvenance
{
    /// <summary>SHA-256 of the model file, lower-case hex.</summary>
    public required string ModelSha256 { get; init; }

    /// <summary>Weight graphs: the kernel-slice norm of conv edges.</summary>
    public KernelNorm? KernelNorm { get; init; }

    /// <summary>Activation graphs: the data set whose training split was sampled.</summary>
    public string? Dataset { get; init; }

    /// <summary>Activation graphs: the size of that training split.</summary>
    public int? TrainExamples { get; init; }

    /// <summary>Activation graphs with a seeded sample: the cap on the sample size.</summary>
    public int? MaxExamples { get; init; }

    /// <summary>Activation graphs with a seeded sample: its seed.</summary>
    public ulong? Seed { get; init; }

    /// <summary>Activation graphs: the training examples used (indices into the training split).</summary>
    public IReadOnlyList<int>? Examples { get; init; }

    public static GraphProvenance ForWeights(string modelSha256, WeightGraphOptions? options = null) =>
        new() { ModelSha256 = modelSha256, KernelNorm = (options ?? new WeightGraphOptions()).KernelNorm };

    /// <summary>The record of <see cref="ActivationGraph.Build"/> on the training split (of <paramref name="trainExamples"/> examples) of <paramref name="dataset"/>.</summary>
    public static GraphProvenance ForActivations(string modelSha256, string dataset, int trainExamples, ActivationGraphOptions? options = null)
    {
        options ??= new ActivationGraphOptions();
        bool sampled = options.ExampleIndices is null;
        return new GraphProvenance
        {
            ModelSha256 = modelSha256,
            Dataset = dataset,
            TrainExamples = trainExamples,
            MaxExamples = sampled ? options.MaxExamples : null,
            Seed = sampled ? options.Seed : null,
            Examples = ActivationGraph.SelectExamples(trainExamples, options),
        };
    }

    public bool Equals(GraphProvenance? other) =>
        other is not null && ModelSha256 == other.ModelSha256 && KernelNorm == other.KernelNorm && Dataset == other.Dataset
        && TrainExamples == other.TrainExamples && MaxExamples == other.MaxExamples && Seed == other.Seed
        && (Examples is null ? other.Examples is null : other.Examples is not null && Examples.SequenceEqual(other.Examples));

    public override int GetHashCode() => HashCode.Combine(ModelSha256, KernelNorm, Dataset, TrainExamples, MaxExamples, Seed, Examples?.Count);
}
