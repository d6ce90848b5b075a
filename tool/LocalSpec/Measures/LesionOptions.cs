namespace LocalSpec.Measures;

/// <summary>
/// Settings of <see cref="LesionEngine"/>. Only <see cref="Accuracy"/> changes a result; the others
/// change how the predictions are computed, never what they are (up to the caveat in
/// <see cref="LesionMethod.Fast"/>).
/// </summary>
public sealed record LesionOptions
{
    /// <summary>The accuracy behind <c>lesion.acc_drop</c> (METHOD.md §6; default overall, as in the paper).</summary>
    public LesionAccuracy Accuracy { get; init; } = LesionAccuracy.Overall;

    public LesionMethod Method { get; init; } = LesionMethod.Fast;

    /// <summary>Examples per forward pass of the naive path, the baseline and the fast path's recomputations.</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>
    /// A fast-path prediction whose top-two logit margin is at most TieTolerance·(1 + |logits|∞ + |unlesioned
    /// logits|∞) is recomputed with the naive path's arithmetic. The two paths' logits differ by float
    /// rounding only (≈ 1e-6 of that scale), so any tolerance far above it keeps the predictions
    /// identical; a larger one only recomputes more.
    /// </summary>
    public double TieTolerance { get; init; } = 1e-3;

    /// <summary>
    /// Floats in each of the fast path's working buffers (cached activations, the stacked batch,
    /// im2col): sets the examples per chunk and the lesions per batch. 2 MB keeps an mlp batch in
    /// L2; measured on mlp and cnn (min of 3–6 runs), 2^18–2^21 are within 10 % and 2^23 is 40 % slower on the mlp.
    /// </summary>
    public int WorkingSetFloats { get; init; } = 1 << 19;

    /// <summary>
    /// Most worker threads a fast path uses: one per processor by default, since with no limit the thread
    /// pool adds threads to long CPU-bound loops that then time-slice the cores and evict each other's
    /// buffers (−1: no limit); benchmarks set 1 to measure one core.
    /// </summary>
    internal int Workers { get; init; } = Environment.ProcessorCount;

    internal void Validate()
    {
        if (!Enum.IsDefined(Accuracy)) throw new ArgumentOutOfRangeException(nameof(Accuracy), $"Unknown lesion accuracy {Accuracy}.");
        if (!Enum.IsDefined(Method)) throw new ArgumentOutOfRangeException(nameof(Method), $"Unknown lesion method {Method}.");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), $"The batch size must be positive (got {BatchSize}).");
        if (!(TieTolerance >= 0 && TieTolerance < 1))
            throw new ArgumentOutOfRangeException(nameof(TieTolerance), $"The tie tolerance must lie in [0, 1) (got {TieTolerance}).");
        if (WorkingSetFloats < 1 << 12)
            throw new ArgumentOutOfRangeException(nameof(WorkingSetFloats), $"The working set must hold at least 4096 floats (got {WorkingSetFloats}).");
    }
}
