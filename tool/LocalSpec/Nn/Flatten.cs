namespace LocalSpec.Nn;

/// <summary>[N, C, H, W] → [N, C·H·W] in channel-major (row-major) order, like PyTorch's flatten.</summary>
public sealed class Flatten : Layer
{
    internal Flatten(int index, LayerSpec spec, int[] inputShape, int[] outputShape)
        : base(index, -1, spec, inputShape, outputShape) { }

    // The memory layout is unchanged; copying keeps every module's output its own buffer (masks write in place).
    internal override void Forward(PassContext ctx, float[] x, float[] y, int n, LayerState? state) =>
        x.AsSpan(0, n * InputLength).CopyTo(y);

    internal override void Backward(PassContext ctx, float[] x, float[] dy, float[]? dx, int n, LayerState? state)
    {
        if (dx is not null) dy.AsSpan(0, n * OutputLength).CopyTo(dx);
    }
}
