using static System.FormattableString;

namespace LocalSpec.Nn;

/// <summary>Validation of an <see cref="ArchitectureSpec"/>'s values and per-example shape propagation.</summary>
internal static class ShapeInference
{
    /// <summary>Per-example output shape of each module; throws <see cref="ArchitectureException"/> on the first problem.</summary>
    public static int[][] OutputShapes(ArchitectureSpec spec)
    {
        int[] shape = [.. spec.Input];
        if (shape.Length is not (1 or 3) || shape.Any(d => d <= 0))
            throw new ArchitectureException($"arch.input: must be [C, H, W] or [F] with positive integers (got {Tensor.Format(shape)})");
        if (spec.Layers.Count == 0)
            throw new ArchitectureException("arch.layers: must contain at least one layer");
        var shapes = new int[spec.Layers.Count][];
        for (int i = 0; i < spec.Layers.Count; i++)
        {
            shape = Next(spec.Layers[i], shape, $"arch.layers[{i}]");
            shapes[i] = shape;
        }
        return shapes;
    }

    private static int[] Next(LayerSpec layer, int[] x, string at) => layer switch
    {
        DenseSpec d => Dense(d, x, at),
        Conv2dSpec c => Conv(c, x, at),
        MaxPool2dSpec p => Pool(p, x, at),
        BatchNormSpec b => BatchNorm(b, x, at),
        DropoutSpec d => Dropout(d, x, at),
        FlattenSpec => [x.Aggregate(1, (a, b) => checked(a * b))],
        ReluSpec => x,
        _ => throw new ArchitectureException($"{at}.type: unsupported layer {layer.GetType().Name}"),
    };

    private static int[] Dense(DenseSpec d, int[] x, string at)
    {
        Positive(d.Units, $"{at}.units");
        if (x.Length != 1)
            throw new ArchitectureException($"{at}: dense needs a flat input but gets {Tensor.Format(x)}; add a flatten layer before it");
        return [d.Units];
    }

    private static int[] Conv(Conv2dSpec c, int[] x, string at)
    {
        Positive(c.Filters, $"{at}.filters");
        if (c.Kernel <= 0 || c.Kernel % 2 == 0)
            throw new ArchitectureException($"{at}.kernel: must be an odd positive integer (got {c.Kernel})");
        if (!Enum.IsDefined(c.Padding))
            throw new ArchitectureException($"{at}.padding: must be \"same\" or \"valid\" (got {(int)c.Padding})");
        if (x.Length != 3)
            throw new ArchitectureException($"{at}: conv2d needs a [C, H, W] input but gets {Tensor.Format(x)}");
        if (c.Padding == Padding.Same) return [c.Filters, x[1], x[2]];
        if (c.Kernel > x[1] || c.Kernel > x[2])
            throw new ArchitectureException($"{at}.kernel: {c.Kernel} does not fit the {x[1]}×{x[2]} input with padding \"valid\"");
        return [c.Filters, x[1] - c.Kernel + 1, x[2] - c.Kernel + 1];
    }

    private static int[] Pool(MaxPool2dSpec p, int[] x, string at)
    {
        Positive(p.Size, $"{at}.size");
        if (x.Length != 3)
            throw new ArchitectureException($"{at}: maxpool2d needs a [C, H, W] input but gets {Tensor.Format(x)}");
        if (p.Size > x[1] || p.Size > x[2])
            throw new ArchitectureException($"{at}.size: {p.Size} does not fit the {x[1]}×{x[2]} input");
        return [x[0], x[1] / p.Size, x[2] / p.Size];
    }

    private static int[] BatchNorm(BatchNormSpec b, int[] x, string at)
    {
        if (!(b.Eps > 0) || !double.IsFinite(b.Eps))
            throw new ArchitectureException(Invariant($"{at}.eps: must be a positive finite number (got {b.Eps})"));
        if (!(b.Momentum >= 0 && b.Momentum <= 1))
            throw new ArchitectureException(Invariant($"{at}.momentum: must be a number in [0, 1] (got {b.Momentum})"));
        return x;
    }

    private static int[] Dropout(DropoutSpec d, int[] x, string at)
    {
        if (!(d.Rate >= 0 && d.Rate < 1))
            throw new ArchitectureException(Invariant($"{at}.rate: must be a number in [0, 1) (got {d.Rate})"));
        return x;
    }

    private static void Positive(int value, string at)
    {
        if (value <= 0) throw new ArchitectureException($"{at}: must be a positive integer (got {value})");
    }
}
