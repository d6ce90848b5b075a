using System.Numerics.Tensors;
using LocalSpec.Nn;
using LocalSpec.Numerics;

namespace LocalSpec.Measures;

/// <summary>Dense on rows: y [R, Out] = x [R, In] · Wᵀ + b (<see cref="Dense"/>'s arithmetic up to GEMM blocking).</summary>
internal sealed class LesionDenseStep : LesionStep
{
    private readonly float[] _weight, _bias;

    public LesionDenseStep(Dense layer, float[] parameters)
        : base(LesionShape.Rows(layer.InputLength), LesionShape.Rows(layer.OutputLength))
    {
        _weight = parameters.AsSpan(layer.Weight.Offset, layer.Weight.Length).ToArray();
        _bias = parameters.AsSpan(layer.Bias.Offset, layer.Bias.Length).ToArray();
    }

    public override void Run(float[] x, float[] y, int rows, float[] scratch, int scratchFloats, LesionCompute compute)
    {
        int input = Input.Channels, output = Output.Channels;
        // y [R, Out] = x [R, In] · Wᵀ [In, Out]
        compute.Blas.Sgemm(Transpose.No, Transpose.Yes, rows, output, input, 1f, x.AsSpan(0, rows * input), input, _weight, input, 0f, y.AsSpan(0, rows * output), output);
        compute.For(rows, output, r =>
        {
            var row = y.AsSpan(r * output, output);
            TensorPrimitives.Add(row, _bias, row);
        });
    }
}
