using System.Numerics.Tensors;
using LocalSpec.Nn;

namespace LocalSpec.Measures;

/// <summary>ReLU in place, any layout: y = max(x, 0) (a NaN stays NaN, as in <see cref="Relu"/>).</summary>
internal sealed class LesionRectifyStep(LesionShape shape) : LesionStep(shape, shape)
{
    private const int Block = 1 << 15;

    public override bool InPlace => true;

    public override void Run(float[] x, float[] y, int rows, float[] scratch, int scratchFloats, LesionCompute compute) => Rectify(x, rows * Input.Length, compute);

    public static void Rectify(float[] x, int length, LesionCompute compute)
    {
        int blocks = (length + Block - 1) / Block;
        compute.For(blocks, Block, b =>
        {
            var span = x.AsSpan(b * Block, Math.Min(Block, length - b * Block));
            TensorPrimitives.Max(span, 0f, span);
        });
    }
}
