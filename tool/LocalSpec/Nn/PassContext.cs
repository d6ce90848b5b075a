using LocalSpec.Numerics;

namespace LocalSpec.Nn;

/// <summary>
/// What one forward (and backward) pass shares among its modules. Parameters are read-only except
/// that a training-mode BatchNorm forward updates its running statistics (as PyTorch does).
/// </summary>
internal sealed class PassContext(float[] parameters, BufferPool pool, bool training, Rng? rng, int convChunkElements)
{
    public float[] Parameters { get; } = parameters;

    public BufferPool Pool { get; } = pool;

    public bool Training { get; } = training;

    /// <summary>Dropout draws one seed per module per pass from this stream.</summary>
    public Rng? Rng { get; } = rng;

    /// <summary>Upper bound on the elements of one im2col chunk buffer.</summary>
    public int ConvChunkElements { get; } = convChunkElements;

    /// <summary>Parameter gradients to accumulate into during backward; null = not wanted.</summary>
    public float[]? DParams { get; set; }
}
