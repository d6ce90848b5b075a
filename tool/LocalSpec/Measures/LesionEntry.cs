namespace LocalSpec.Measures;

/// <summary>
/// The fast path's first step: the next layer's pre-activations for a batch of lesions, from the
/// intact pre-activations Z and the masked module's outputs A of one chunk of n examples (both
/// cached once per chunk), as Z minus the contribution of the lesioned units only.
/// </summary>
internal abstract class LesionEntry(LesionShape output)
{
    /// <summary>The layout the rest of the plan starts from.</summary>
    public LesionShape Output { get; } = output;

    /// <summary>Floats per example of the cached intact pre-activations (the next layer's output, which a fused step may reduce).</summary>
    public virtual int CacheLength => Output.Length;

    /// <summary>
    /// Most lesions per batch; an entry that prefers many lesions on few examples sets it above 1
    /// (the batches then hold that many lesions and as few examples as the budget allows).
    /// </summary>
    public virtual int LesionsPerBatch => 1;

    /// <summary>Scratch floats the entry needs at least (it works through the examples in chunks that fit).</summary>
    public abstract int MinimumScratch { get; }

    /// <summary>
    /// Caches chunk data: <paramref name="z"/> is the next module's output [n, ...] in the engine's
    /// layout; stores it in <paramref name="cache"/> [n, Output] in this entry's layout.
    /// </summary>
    public abstract void Load(ReadOnlySpan<float> z, int n, float[] cache);

    /// <summary>
    /// y [g·count, Output] (lesion-major rows) for examples e0 .. e0 + count − 1 of the n cached ones:
    /// the cached Z for each of the g lesions, minus lesion l's units' contribution computed from
    /// <paramref name="a"/> (the masked module's output [n, U, S]).
    /// </summary>
    public abstract void Fill(float[] cache, float[] a, int n, int e0, int count, IReadOnlyList<int[]> lesions, float[] y, float[] scratch, LesionCompute compute);
}
