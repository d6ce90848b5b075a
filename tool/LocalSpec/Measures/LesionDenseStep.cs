using System.Numerics.Tensors;
using LocalSpec.Nn;

namespace LocalSpec.Measures;

/// <summary>Dense on rows: y [R, Out] = x [R, In] · Wᵀ + b (<see cref="Dense"/>'s arithmetic up to GEMM blocking); Wᵀ [In, Out] is stored so the product needs no packing.</summary>
internal sealed class LesionDenseStep : LesionStep
{
    private readonly float[] _weightT, _bias;

    public LesionDenseStep(Dense layer, float[] parameters)
        : base(LesionShape.Rows(layer.InputLength), LesionShape.Rows(layer.OutputLength))
    {
        int input = layer.InputLength, output = layer.OutputLength;
        var weight = parameters.AsSpan(layer.Weight.Offset, layer.Weight.Length);
        _weightT = new float[input * output];
        for (int o = 0; o < output; o++)
            for (int i = 0; i < input; i++) _weightT[i * output + o] = weight[o * input + i];
        _bias = parameters.AsSpan(layer.Bias.Offset, layer.Bias.Length).ToArray();
    }

    public override void Run(float[] x, float[] y, int rows, float[] scratch, int scratchFloats, LesionCompute compute)
    {
        int input = Input.Channels, output = Output.Channels;
        // y [R, Out] = x [R, In] · Wᵀ [In, Out]
        compute.Product(rows, output, input, 1f, x.AsSpan(0, rows * input), input, _weightT, output, false, y.AsSpan(0, rows * output), output);
        compute.For(rows, output, r =>
        {
            var row = y.AsSpan(r * output, output);
            TensorPrimitives.Add(row, _bias, row);
        });
    }
}
