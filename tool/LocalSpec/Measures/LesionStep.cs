namespace LocalSpec.Measures;

/// <summary>
/// One module (or fused pair) of the fast path's forward from the updated pre-activations to the
/// logits, on R rows. Steps only read parameters copied when the plan was built.
/// </summary>
internal abstract class LesionStep(LesionShape input, LesionShape output)
{
    public LesionShape Input { get; } = input;

    public LesionShape Output { get; } = output;

    /// <summary>The step overwrites its input (y is x).</summary>
    public virtual bool InPlace => false;

    /// <summary>y [R, Output] from x [R, Input]; <paramref name="scratch"/> holds at least <paramref name="scratchFloats"/> floats.</summary>
    public abstract void Run(float[] x, float[] y, int rows, float[] scratch, int scratchFloats, LesionCompute compute);
}
