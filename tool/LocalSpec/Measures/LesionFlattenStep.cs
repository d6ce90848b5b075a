using LocalSpec.Nn;

namespace LocalSpec.Measures;

/// <summary>Planar [C, R, H·W] → rows [R, C·H·W] in channel-major order (<see cref="Flatten"/>'s order).</summary>
internal sealed class LesionFlattenStep(LesionShape input) : LesionStep(input, LesionShape.Rows(input.Length))
{
    public override void Run(float[] x, float[] y, int rows, float[] scratch, int scratchFloats, LesionCompute compute)
    {
        int c = Input.Channels, plane = Input.Plane, length = Input.Length;
        compute.For(rows, length, r =>
        {
            for (int k = 0; k < c; k++)
                x.AsSpan((k * rows + r) * plane, plane).CopyTo(y.AsSpan(r * length + k * plane, plane));
        });
    }
}
