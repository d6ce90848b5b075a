using System.Numerics;

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
            Rectify(x.AsSpan(start, count), y.AsSpan(start, count));
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

    // y = x ≤ 0 ? 0 : x (a NaN passes through, as in PyTorch)
    private static void Rectify(ReadOnlySpan<float> x, Span<float> y)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var v = new Vector<float>(x[i..]);
                Vector.ConditionalSelect(Vector.LessThanOrEqual(v, Vector<float>.Zero), Vector<float>.Zero, v).CopyTo(y[i..]);
            }
        }
        for (; i < x.Length; i++) y[i] = x[i] <= 0f ? 0f : x[i];
    }

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
