namespace LocalSpec.Nn;

/// <summary>Mini-batch training settings (<see cref="Trainer"/>).</summary>
public sealed record TrainingOptions
{
    public int Epochs { get; init; } = 1;

    public int BatchSize { get; init; } = 128;

    /// <summary>Root seed: the trainer uses its forks "shuffle" and "dropout"; create the network from fork "init".</summary>
    public ulong Seed { get; init; }

    public AdamOptions Adam { get; init; } = new();

    /// <summary>Batch size for the per-epoch test accuracy.</summary>
    public int EvaluationBatchSize { get; init; } = 256;

    internal void Validate()
    {
        if (Epochs < 0) throw new ArgumentException($"Epochs must be non-negative (got {Epochs}).");
        if (BatchSize < 1) throw new ArgumentException($"The batch size must be positive (got {BatchSize}).");
        if (EvaluationBatchSize < 1) throw new ArgumentException($"The evaluation batch size must be positive (got {EvaluationBatchSize}).");
        ArgumentNullException.ThrowIfNull(Adam);
        Adam.Validate();
    }
}
