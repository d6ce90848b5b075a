using System.Runtime.CompilerServices;

namespace LocalSpec.Nn;

/// <summary>
/// Max pooling with kernel = stride = size, floor mode (trailing rows/columns that do not fill a
/// window are dropped). The gradient goes to the FIRST maximal element of a window in row-major
/// order (PyTorch's rule), so ties are resolved deterministically.
/// </summary>
public sealed class MaxPool2d : Layer
{
    private readonly int _c, _h, _w, _s, _ho, _wo;

    internal MaxPool2d(int index, MaxPool2dSpec spec, int[] inputShape, int[] outputShape)
        : base(index, -1, spec, inputShape, outputShape)
    {
        (_c, _h, _w) = (inputShape[0], inputShape[1], inputShape[2]);
        _s = spec.Size;
        (_ho, _wo) = (outputShape[1], outputShape[2]);
    }

    // x [N, C, H, W] → y [N, C, Ho, Wo]; state.Indices [N, C, Ho, Wo] = argmax (h·W + w) within the plane
    internal override void Forward(PassContext ctx, float[] x, float[] y, int n, LayerState? state)
    {
        int[]? argmax = null;
        if (state is not null) state.Indices = argmax = ctx.Pool.Ints(n * OutputLength);
        Parallelism.For(n * _c, _h * _w, plane => Plane(x, plane * _h * _w, y, argmax, plane * _ho * _wo));
    }

    // Window elements are visited row by row, so a strictly greater value replaces the maximum and
    // ties keep the first in row-major order; a NaN always wins (PyTorch's comparison).
    private unsafe void Plane(float[] x, int xOffset, float[] y, int[]? argmax, int yOffset)
    {
        fixed (float* xp = x, yp = y)
        fixed (int* ap = argmax)
        {
            float* input = xp + xOffset, output = yp + yOffset;
            int* index = ap == null ? null : ap + yOffset;
            for (int oh = 0; oh < _ho; oh++, output += _wo)
            {
                int top = oh * _s * _w;
                if (_s == 2)
                {
                    Pairs(input, top, output, index == null ? null : index + oh * _wo);
                    continue;
                }
                for (int ow = 0; ow < _wo; ow++)
                {
                    int best = top + ow * _s;
                    float max = input[best];
                    for (int i = 0; i < _s; i++)
                    {
                        float* row = input + top + i * _w + ow * _s;
                        int first = top + i * _w + ow * _s;
                        for (int j = 0; j < _s; j++) Challenge(ref max, ref best, row[j], first + j);
                    }
                    output[ow] = max;
                    if (index != null) index[oh * _wo + ow] = best;
                }
            }
        }
    }

    /// <summary>The 2×2 case of <see cref="Plane"/> for one output row, unrolled.</summary>
    private unsafe void Pairs(float* input, int top, float* output, int* index)
    {
        float* r0 = input + top, r1 = r0 + _w;
        for (int ow = 0, c = 0; ow < _wo; ow++, c += 2)
        {
            float max = r0[c];
            int best = top + c;
            Challenge(ref max, ref best, r0[c + 1], top + c + 1);
            Challenge(ref max, ref best, r1[c], top + _w + c);
            Challenge(ref max, ref best, r1[c + 1], top + _w + c + 1);
            output[ow] = max;
            if (index != null) index[ow] = best;
        }
    }

    /// <summary>
    /// Replaces (max, best) by (v, at) when v &gt; max or v is NaN, without a branch: with real data the
    /// comparison is unpredictable and mispredictions would dominate the cost.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Challenge(ref float max, ref int best, float v, int at)
    {
        bool wins = v > max | float.IsNaN(v);
        int mask = -Unsafe.As<bool, byte>(ref wins);
        best ^= (best ^ at) & mask;
        int bits = BitConverter.SingleToInt32Bits(max);
        max = BitConverter.Int32BitsToSingle(bits ^ ((bits ^ BitConverter.SingleToInt32Bits(v)) & mask));
    }

    // dy [N, C, Ho, Wo] → dx [N, C, H, W]: each dy routed to its window's argmax, zero elsewhere
    internal override void Backward(PassContext ctx, float[] x, float[] dy, float[]? dx, int n, LayerState? state)
    {
        if (dx is null) return;
        int[] argmax = state?.Indices ?? throw new InvalidOperationException("maxpool2d backward needs the forward's argmax.");
        int planeIn = _h * _w, planeOut = _ho * _wo;
        Parallelism.For(n * _c, planeIn, plane =>
        {
            var dxPlane = dx.AsSpan(plane * planeIn, planeIn);
            dxPlane.Clear();
            for (int o = plane * planeOut, end = o + planeOut; o < end; o++) dxPlane[argmax[o]] += dy[o];
        });
    }
}
