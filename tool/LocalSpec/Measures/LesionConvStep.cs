using System.Numerics.Tensors;
using LocalSpec.Nn;
using LocalSpec.Numerics;

namespace LocalSpec.Measures;

/// <summary>
/// Conv2d on planar activations: x [C, R, H, W] → y [K, R, Hn, Wn], computing only the Hn × Wn
/// block of output positions that the following floor-mode max-pool reads (all when none does).
/// y [K, R·P] = W [K, CRR] · col [CRR, R·P] + b, with im2col in chunks of rows that fit the scratch.
/// <see cref="WithoutBias"/> leaves b to a following max-pool (<see cref="LesionPoolStep"/>), which
/// adds it to a quarter of the values: max(x + b) = max(x) + b exactly, as float addition rounds
/// monotonically.
/// </summary>
internal sealed class LesionConvStep : LesionStep
{
    private readonly float[] _weight;
    private readonly float[]? _bias;
    private readonly int[] _channels;
    private readonly int _kernel, _pad, _crr;

    public LesionConvStep(Conv2d layer, float[] parameters, LesionShape input, (int Height, int Width) output)
        : base(input, new LesionShape(layer.Units, output.Height, output.Width, true))
    {
        _weight = parameters.AsSpan(layer.Weight.Offset, layer.Weight.Length).ToArray();
        _bias = parameters.AsSpan(layer.Bias.Offset, layer.Bias.Length).ToArray();
        _channels = [.. Enumerable.Range(0, input.Channels)];
        _kernel = ((Conv2dSpec)layer.Spec).Kernel;
        _pad = layer.Pad;
        _crr = input.Channels * _kernel * _kernel;
    }

    private LesionConvStep(LesionConvStep step)
        : base(step.Input, step.Output)
    {
        (_weight, _channels, _kernel, _pad, _crr) = (step._weight, step._channels, step._kernel, step._pad, step._crr);
        _bias = null;
    }

    /// <summary>The per-filter bias this step adds (null when a later step adds it).</summary>
    public float[]? Bias => _bias;

    /// <summary>The same convolution without its bias.</summary>
    public LesionConvStep WithoutBias() => new(this);

    /// <summary>Scratch floats for one row's im2col (the least the step can work with).</summary>
    public int ScratchPerRow => _crr * Output.Plane;

    public override void Run(float[] x, float[] y, int rows, float[] scratch, int scratchFloats, LesionCompute compute)
    {
        int p = Output.Plane, k = Output.Channels, chunk = Math.Clamp(scratchFloats / ScratchPerRow, 1, rows);
        for (int r0 = 0; r0 < rows; r0 += chunk)
        {
            int b = Math.Min(chunk, rows - r0);
            LesionIm2Col.Fill(x, rows * Input.Plane, Input.Plane, Input.Height, Input.Width, _channels, _kernel, _pad,
                Output.Height, Output.Width, r0, b, scratch, 0, compute);
            // y [K, r0.., b·P] (row stride R·P) = W [K, CRR] · col [CRR, b·P]
            compute.Product(k, b * p, _crr, 1f, _weight, _crr, scratch.AsSpan(0, _crr * b * p), b * p, false, y.AsSpan(r0 * p, (k - 1) * rows * p + b * p), rows * p);
        }
        if (_bias is { } bias) LesionPoolStep.AddPerChannel(y, bias, rows * p, compute);
    }
}
