using System.Numerics.Tensors;
using LocalSpec.Numerics;

namespace LocalSpec.Nn;

/// <summary>Fully connected: y = x Wᵀ + b with W [Out, In] (PyTorch layout).</summary>
public sealed class Dense : Layer
{
    private readonly int _in, _out;

    internal Dense(int index, int parameterIndex, DenseSpec spec, int[] inputShape, int[] outputShape, ParameterStore store)
        : base(index, parameterIndex, spec, inputShape, outputShape)
    {
        _in = inputShape[0];
        _out = spec.Units;
        Weight = store[$"layers.{parameterIndex}.weight"];
        Bias = store[$"layers.{parameterIndex}.bias"];
    }

    /// <summary>W [Out, In].</summary>
    public ParameterView Weight { get; }

    /// <summary>b [Out].</summary>
    public ParameterView Bias { get; }

    // x [N, In], W [Out, In], b [Out] → y [N, Out]
    internal override void Forward(PassContext ctx, float[] x, float[] y, int n, LayerState? state)
    {
        var p = ctx.Parameters;
        // y [N, Out] = x [N, In] · Wᵀ [In, Out]
        Blas.Current.Sgemm(Transpose.No, Transpose.Yes, n, _out, _in,
            1f, x, _in, p.AsSpan(Weight.Offset, Weight.Length), _in, 0f, y, _out);
        var b = p.AsSpan(Bias.Offset, _out);
        for (int r = 0; r < n; r++)
        {
            var row = y.AsSpan(r * _out, _out);
            TensorPrimitives.Add(row, b, row);
        }
    }

    // dy [N, Out], x [N, In] → dx [N, In]; dW [Out, In] += dyᵀ x; db [Out] += Σ_n dy
    internal override void Backward(PassContext ctx, float[] x, float[] dy, float[]? dx, int n, LayerState? state)
    {
        var p = ctx.Parameters;
        if (ctx.DParams is { } dp)
        {
            // dW [Out, In] += dyᵀ [Out, N] · x [N, In]
            Blas.Current.Sgemm(Transpose.Yes, Transpose.No, _out, _in, n,
                1f, dy, _out, x, _in, 1f, dp.AsSpan(Weight.Offset, Weight.Length), _in);
            var db = dp.AsSpan(Bias.Offset, _out);
            for (int r = 0; r < n; r++) TensorPrimitives.Add(db, dy.AsSpan(r * _out, _out), db);
        }
        if (dx is not null)
        {
            // dx [N, In] = dy [N, Out] · W [Out, In]
            Blas.Current.Sgemm(Transpose.No, Transpose.No, n, _in, _out,
                1f, dy, _out, p.AsSpan(Weight.Offset, Weight.Length), _in, 0f, dx, _in);
        }
    }
}
