using System.Numerics;

namespace LocalSpec.Nn;

/// <summary>
/// Adam on a <see cref="ParameterStore"/>'s flat buffer with PyTorch's update:
/// m = β1 m + (1 − β1) g; v = β2 v + (1 − β2) g²; w −= (lr / (1 − β1ᵗ)) · m / (sqrt(v) / sqrt(1 − β2ᵗ) + eps),
/// with g += 2λw on dense and conv weights (Keras l2). Only trainable views are touched.
/// State: <see cref="FirstMoment"/>, <see cref="SecondMoment"/>, <see cref="StepCount"/>.
/// </summary>
public sealed class Adam
{
    private const int Block = 1 << 15;
    private readonly float[] _w, _m, _v;
    private readonly (int Offset, int Length, bool Decay)[] _blocks;

    /// <summary>Adam on a network's trainable tensors (L2 on dense and conv weights only).</summary>
    public Adam(ParameterStore parameters, AdamOptions? options = null)
        : this(parameters?.Data ?? throw new ArgumentNullException(nameof(parameters)), options,
            parameters.Views.Where(v => v.Trainable).Select(v => (v.Offset, v.Length, v.Kind == ParameterKind.Weight)))
    {
    }

    /// <summary>Adam on every element of a plain buffer (e.g. an image being optimised); L2, if set, applies to all of it.</summary>
    public Adam(float[] values, AdamOptions? options = null)
        : this(values ?? throw new ArgumentNullException(nameof(values)), options, [(0, values.Length, true)])
    {
    }

    private Adam(float[] values, AdamOptions? options, IEnumerable<(int Offset, int Length, bool Decay)> ranges)
    {
        Options = options ?? new AdamOptions();
        Options.Validate();
        _w = values;
        _m = new float[values.Length];
        _v = new float[values.Length];
        _blocks = Blocks(ranges);
    }

    public AdamOptions Options { get; }

    /// <summary>t: the number of steps taken.</summary>
    public int StepCount { get; private set; }

    public ReadOnlyMemory<float> FirstMoment => _m;

    public ReadOnlyMemory<float> SecondMoment => _v;

    /// <summary>One update with the gradient <paramref name="dParams"/> (flat, the layout of the values; entries outside the updated ranges are ignored).</summary>
    public void Step(float[] dParams)
    {
        ArgumentNullException.ThrowIfNull(dParams);
        if (dParams.Length != _w.Length)
            throw new ArgumentException($"The gradient has {dParams.Length} elements, the parameters {_w.Length}.", nameof(dParams));
        StepCount++;
        var o = Options;
        double correction1 = 1 - Math.Pow(o.Beta1, StepCount);
        double correction2Sqrt = Math.Sqrt(1 - Math.Pow(o.Beta2, StepCount));
        var k = new Constants((float)o.Beta1, (float)o.Beta2, (float)(o.LearningRate / correction1),
            (float)correction2Sqrt, (float)o.Epsilon, (float)(2 * o.L2));
        float[] w = _w;
        Parallelism.For(_blocks.Length, Block, b =>
        {
            var (offset, length, decay) = _blocks[b];
            Update(w.AsSpan(offset, length), dParams.AsSpan(offset, length), _m.AsSpan(offset, length), _v.AsSpan(offset, length), k, decay);
        });
    }

    private readonly record struct Constants(float Beta1, float Beta2, float StepSize, float Correction2Sqrt, float Eps, float TwoL2);

    private static void Update(Span<float> w, ReadOnlySpan<float> g, Span<float> m, Span<float> v, Constants k, bool decay)
    {
        float l2 = decay ? k.TwoL2 : 0f, a1 = 1 - k.Beta1, a2 = 1 - k.Beta2;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= w.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var wi = new Vector<float>(w[i..]);
                var gi = new Vector<float>(g[i..]) + l2 * wi;
                var mi = k.Beta1 * new Vector<float>(m[i..]) + a1 * gi;
                var vi = k.Beta2 * new Vector<float>(v[i..]) + a2 * (gi * gi);
                mi.CopyTo(m[i..]);
                vi.CopyTo(v[i..]);
                var denominator = Vector.SquareRoot(vi) / new Vector<float>(k.Correction2Sqrt) + new Vector<float>(k.Eps);
                (wi - k.StepSize * (mi / denominator)).CopyTo(w[i..]);
            }
        }
        for (; i < w.Length; i++)
        {
            float gi = g[i] + l2 * w[i];
            m[i] = k.Beta1 * m[i] + a1 * gi;
            v[i] = k.Beta2 * v[i] + a2 * (gi * gi);
            w[i] -= k.StepSize * (m[i] / (MathF.Sqrt(v[i]) / k.Correction2Sqrt + k.Eps));
        }
    }

    /// <summary>The updated ranges cut into blocks of at most <see cref="Block"/> elements (the unit of parallel work).</summary>
    private static (int, int, bool)[] Blocks(IEnumerable<(int Offset, int Length, bool Decay)> ranges)
    {
        var blocks = new List<(int, int, bool)>();
        foreach (var (offset, length, decay) in ranges)
        {
            for (int start = 0; start < length; start += Block)
                blocks.Add((offset + start, Math.Min(Block, length - start), decay));
        }
        return [.. blocks];
    }
}
