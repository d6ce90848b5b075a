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

    private void Plane(float[] x, int xOffset, float[] y, int[]? argmax, int yOffset)
    {
        for (int oh = 0; oh < _ho; oh++)
        {
            for (int ow = 0; ow < _wo; ow++)
            {
                int best = (oh * _s) * _w + ow * _s;
                float max = x[xOffset + best];
                for (int i = 0; i < _s; i++)
                {
                    int row = (oh * _s + i) * _w + ow * _s;
                    for (int j = 0; j < _s; j++)
                    {
                        float v = x[xOffset + row + j];
                        if (v > max || (float.IsNaN(v) && !float.IsNaN(max)))
                        {
                            max = v;
                            best = row + j;
                        }
                    }
                }
                int o = yOffset + oh * _wo + ow;
                y[o] = max;
                if (argmax is not null) argmax[o] = best;
            }
        }
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
