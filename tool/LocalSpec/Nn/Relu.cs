using System.Numerics;
using System.Numerics.Tensors;

namespace LocalSpec.Nn;

/// <summary>y = max(0, x); the gradient at x = 0 is 0 (PyTorch's convention).</summary>
public sealed class Relu : Layer
{
    private const int Block = 1 << 16;

    internal Relu(int index, LayerSpec spec, int[] shape) : base(index, -1, spec, shape, shape) { }

    // x [N, ...] → y [N, ...]
    internal override void Forward(PassContext ctx, float[] x, float[] y, int n, LayerState? state)
    {
        int length = n * InputLength;
        Parallelism.For(Blocks(length), Block, b =>
        {
            int start = b * Block, count = Math.Min(Block, length - start);
            TensorPrimitives.Max(x.AsSpan(start, count), 0f, y.AsSpan(start, count));
        });
    }

    // dx = dy where x > 0, else 0
    internal override void Backward(PassContext ctx, float[] x, float[] dy, float[]? dx, int n, LayerState? state)
    {
        if (dx is null) return;
        int length = n * InputLength;
        Parallelism.For(Blocks(length), Block, b =>
        {
            int start = b * Block, count = Math.Min(Block, length - start);
            Mask(x.AsSpan(start, count), dy.AsSpan(start, count), dx.AsSpan(start, count));
        });
    }

    private static int Blocks(int length) => (length + Block - 1) / Block;

    private static void Mask(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var positive = Vector.GreaterThan(new Vector<float>(x[i..]), Vector<float>.Zero);
                Vector.ConditionalSelect(positive, new Vector<float>(dy[i..]), Vector<float>.Zero).CopyTo(dx[i..]);
            }
        }
        for (; i < x.Length; i++) dx[i] = x[i] > 0f ? dy[i] : 0f;
    }
}
