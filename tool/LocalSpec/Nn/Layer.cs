namespace LocalSpec.Nn;

/// <summary>
/// One module of a <see cref="Network"/> (every entry of the spec, relu/flatten/pool included).
/// Forward and backward are a pair of pure functions of (parameters, input, per-pass state);
/// shapes are per example, the batch N is the leading dimension of every buffer.
/// </summary>
public abstract class Layer
{
    private protected Layer(int index, int parameterIndex, LayerSpec spec, int[] inputShape, int[] outputShape)
    {
        Index = index;
        ParameterIndex = parameterIndex;
        Spec = spec;
        InputShape = inputShape;
        OutputShape = outputShape;
        InputLength = (int)Tensor.Count(inputShape);
        OutputLength = (int)Tensor.Count(outputShape);
    }

    /// <summary>Module index in <see cref="Network.Layers"/>.</summary>
    public int Index { get; }

    /// <summary>i of its "layers.{i}.*" tensors, or −1 for modules without parameters.</summary>
    public int ParameterIndex { get; }

    public LayerSpec Spec { get; }

    public LayerType Type => Spec.Type;

    /// <summary>Per-example input shape ([F] or [C, H, W]).</summary>
    public IReadOnlyList<int> InputShape { get; }

    /// <summary>Per-example output shape ([F] or [C, H, W]).</summary>
    public IReadOnlyList<int> OutputShape { get; }

    public int InputLength { get; }

    public int OutputLength { get; }

    /// <summary>Units of the output (features of [F], channels of [C, H, W]): the length of a unit mask.</summary>
    public int Units => OutputShape[0];

    /// <summary>
    /// y [N, ...Out] from x [N, ...In]. <paramref name="state"/> is null for inference; otherwise the
    /// module stores in it what <see cref="Backward"/> needs.
    /// </summary>
    internal abstract void Forward(PassContext ctx, float[] x, float[] y, int n, LayerState? state);

    /// <summary>
    /// dx [N, ...In] from dy [N, ...Out] (skipped when <paramref name="dx"/> is null); accumulates
    /// parameter gradients into ctx.DParams when it is not null.
    /// </summary>
    internal abstract void Backward(PassContext ctx, float[] x, float[] dy, float[]? dx, int n, LayerState? state);

    public override string ToString() =>
        $"{Index}: {Spec.TypeName}{(ParameterIndex >= 0 ? $" (layers.{ParameterIndex})" : "")} → {Tensor.Format(OutputShape.ToArray())}";
}
