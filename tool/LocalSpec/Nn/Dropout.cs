using System.Numerics.Tensors;
using LocalSpec.Numerics;

namespace LocalSpec.Nn;

/// <summary>
/// Inverted dropout: in training each element is kept with probability 1 − rate and scaled by
/// 1/(1 − rate); in eval it is the identity. The mask of a pass is a pure function of one seed drawn
/// from the pass's Rng (example n uses the fork n of that seed, so examples are drawn in parallel).
/// </summary>
public sealed class Dropout : Layer
{
    private readonly float _rate, _scale;

    internal Dropout(int index, DropoutSpec spec, int[] shape) : base(index, -1, spec, shape, shape)
    {
        _rate = (float)spec.Rate;
        _scale = (float)(1.0 / (1.0 - spec.Rate));
    }

    private bool Active(PassContext ctx) => ctx.Training && _rate > 0f;

    // x [N, ...] → y [N, ...] = x ⊙ mask; state.Values = mask [N, ...] ∈ {0, 1/(1 − rate)}
    internal override void Forward(PassContext ctx, float[] x, float[] y, int n, LayerState? state)
    {
        if (!Active(ctx))
        {
            x.AsSpan(0, n * InputLength).CopyTo(y);
            return;
        }
        var rng = ctx.Rng ?? throw new InvalidOperationException(
            $"Training-mode dropout (module {Index}) needs ForwardOptions.Rng.");
        var root = new Rng(rng.NextUInt64());
        float[] mask = ctx.Pool.Floats(n * InputLength);
        int length = InputLength;
        Parallelism.For(n, length, i =>
        {
            var r = root.Fork((ulong)i);
            var m = mask.AsSpan(i * length, length);
            for (int j = 0; j < m.Length; j++) m[j] = r.NextSingle() >= _rate ? _scale : 0f;
            TensorPrimitives.Multiply(x.AsSpan(i * length, length), m, y.AsSpan(i * length, length));
        });
        if (state is null) ctx.Pool.Return(mask);
        else state.Values = mask;
    }

    // dx = dy ⊙ mask (training) or dy (eval)
    internal override void Backward(PassContext ctx, float[] x, float[] dy, float[]? dx, int n, LayerState? state)
    {
        if (dx is null) return;
        int length = n * InputLength;
        if (!Active(ctx))
        {
            dy.AsSpan(0, length).CopyTo(dx);
            return;
        }
        float[] mask = state?.Values ?? throw new InvalidOperationException("dropout backward needs the forward's mask.");
        TensorPrimitives.Multiply(dy.AsSpan(0, length), mask.AsSpan(0, length), dx.AsSpan(0, length));
    }
}
