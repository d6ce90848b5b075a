namespace LocalSpec.Measures;

/// <summary>
/// Settings of the feature visualisation (METHOD.md §6, the paper's A.6): the pixel
/// parameterisation x = sigmoid(v) with v ~ N(0, <see cref="InitStd"/>²), Adam at
/// <see cref="LearningRate"/> (β 0.9/0.999) for <see cref="Steps"/> steps, a random circular shift of up
/// to <see cref="Jitter"/> pixels per step, no regularisation.
/// </summary>
public sealed record FeatureVisOptions
{
    public int Steps { get; init; } = 100;

    public double LearningRate { get; init; } = 0.05;

    /// <summary>Largest shift (pixels) of each step's jitter, in each spatial direction; 0 disables it.</summary>
    public int Jitter { get; init; } = 2;

    /// <summary>Standard deviation of the initial pre-sigmoid values v.</summary>
    public double InitStd { get; init; } = 0.01;

    /// <summary>Root of every random choice (initial images, shifts); see <see cref="FeatureVisualizer"/> for how it is forked.</summary>
    public ulong Seed { get; init; }

    /// <summary>
    /// Requests optimised at once by <see cref="FeatureVisualizer.VisualizeAll"/> (each is one batch on
    /// one thread); ≥ 1. Default: the processor count. The results do not depend on it.
    /// </summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;

    internal void Validate()
    {
        if (Steps < 1) throw new ArgumentException($"Feature visualisation steps must be ≥ 1 (got {Steps}).");
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate))
            throw new ArgumentException($"Feature visualisation learning rate must be positive (got {LearningRate}).");
        if (Jitter < 0) throw new ArgumentException($"Feature visualisation jitter must be ≥ 0 pixels (got {Jitter}).");
        if (!(InitStd >= 0) || !double.IsFinite(InitStd))
            throw new ArgumentException($"Feature visualisation init std must be ≥ 0 (got {InitStd}).");
        if (MaxParallelism < 1) throw new ArgumentException($"Feature visualisation parallelism must be ≥ 1 (got {MaxParallelism}).");
    }
}
