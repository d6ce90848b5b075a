using System.Numerics.Tensors;
using LocalSpec.Nn;

namespace LocalSpec.Measures;

/// <summary>
/// Eval-mode BatchNorm in place: y = (x − μ)·s + β per channel (planar) or feature (rows), with
/// μ = running mean and s = γ / sqrt(running var + ε) rounded as <see cref="BatchNorm"/> rounds them.
/// </summary>
internal sealed class LesionAffineStep : LesionStep
{
    private readonly float[] _mean, _scale, _shift;

    public LesionAffineStep(BatchNorm layer, float[] parameters, LesionShape shape) : base(shape, shape)
    {
        double eps = ((BatchNormSpec)layer.Spec).Eps;
        int c = shape.Channels;
        (_mean, _scale, _shift) = (new float[c], new float[c], new float[c]);
        for (int k = 0; k < c; k++)
        {
            double invStd = 1.0 / Math.Sqrt(parameters[layer.RunningVar.Offset + k] + eps);
            _mean[k] = parameters[layer.RunningMean.Offset + k];
            _scale[k] = (float)(parameters[layer.Gamma.Offset + k] * invStd);
            _shift[k] = parameters[layer.Beta.Offset + k];
        }
    }

    public override bool InPlace => true;

    public override void Run(float[] x, float[] y, int rows, float[] scratch, int scratchFloats, LesionCompute compute)
    {
        if (Input.Planar)
        {
            // x [C, R·H·W]: one long span per channel
            int span = rows * Input.Plane;
            compute.For(Input.Channels, span, k =>
            {
                var values = x.AsSpan(k * span, span);
                TensorPrimitives.Subtract(values, _mean[k], values);
                TensorPrimitives.Multiply(values, _scale[k], values);
                TensorPrimitives.Add(values, _shift[k], values);
            });
            return;
        }
        // x [R, F]
        int f = Input.Channels;
        compute.For(rows, f, r =>
        {
            var values = x.AsSpan(r * f, f);
            TensorPrimitives.Subtract(values, _mean, values);
            TensorPrimitives.Multiply(values, _scale, values);
            TensorPrimitives.Add(values, _shift, values);
        });
    }
}
