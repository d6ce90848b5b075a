using LocalSpec.Nn;

namespace LocalSpec.Measures;

/// <summary>
/// The fast path for one <see cref="LesionSite"/>: the entry that updates the next layer's
/// pre-activations, then one step per remaining module up to the logits. Dropout (identity in eval)
/// has no step, a ReLU right before a max-pool is fused into it, and a conv followed (through ReLU /
/// BatchNorm / dropout) by a floor-mode max-pool computes only the positions the pool reads.
/// Parameters are copied when the plan is built.
/// </summary>
internal sealed class LesionPlan
{
    private LesionPlan(LesionSite site, LesionEntry entry, LesionStep[] steps)
    {
        Site = site;
        Entry = entry;
        Steps = steps;
        RowLength = Math.Max(entry.Output.Length, steps.Length == 0 ? 0 : steps.Max(s => s.Output.Length));
        MinimumScratch = Math.Max(entry.MinimumScratch, steps.OfType<LesionConvStep>().Select(s => s.ScratchPerRow).DefaultIfEmpty(0).Max());
    }

    public LesionSite Site { get; }

    public LesionEntry Entry { get; }

    public IReadOnlyList<LesionStep> Steps { get; }

    /// <summary>Floats per row of the largest activation between the entry and the logits.</summary>
    public int RowLength { get; }

    public int MinimumScratch { get; }

    public static LesionPlan Build(Network network, LesionSite site)
    {
        if (!site.HasFastPath) throw new InvalidOperationException($"{site} has no fast path.");
        float[] parameters = network.Parameters.Data;
        var modules = network.Layers;
        int next = site.NextModule;
        LesionEntry entry = modules[next] switch
        {
            Dense dense => new LesionDenseEntry(dense, parameters, site.UnitSize),
            Conv2d conv => new LesionConvEntry(conv, parameters, Cropped(network, next)),
            var other => throw new InvalidOperationException($"module {other.Index} cannot start a fast path"),
        };
        var steps = new List<LesionStep>();
        var shape = entry.Output;
        for (int m = next + 1; m < modules.Count; m++)
        {
            LesionStep? step = modules[m] switch
            {
                Relu when m + 1 < modules.Count && modules[m + 1] is MaxPool2d => null, // fused into the pool
                Relu => new LesionRectifyStep(shape),
                MaxPool2d pool => new LesionPoolStep(Planar(shape, pool), ((MaxPool2dSpec)pool.Spec).Size, modules[m - 1] is Relu),
                BatchNorm bn => new LesionAffineStep(bn, parameters, shape),
                Dropout => null,
                Flatten => shape.Planar ? new LesionFlattenStep(shape) : null,
                Conv2d conv => new LesionConvStep(conv, parameters, Planar(shape, conv), Cropped(network, m)),
                Dense dense => new LesionDenseStep(dense, parameters),
                var other => throw new InvalidOperationException($"module {other.Index} ({other.Spec.TypeName}) has no fast-path step"),
            };
            if (step is null) continue;
            // a conv's bias is added after the pool right behind it (ReLU, fused into the pool, between them)
            if (step is LesionPoolStep pooled && steps.Count > 0 && steps[^1] is LesionConvStep { Bias: { } bias } before)
            {
                steps[^1] = before.WithoutBias();
                step = pooled.WithBias(bias);
            }
            if (step is LesionDenseStep && (shape.Planar || shape.Length != step.Input.Length))
                throw new InvalidOperationException($"module {m} (dense) reads {shape} in the fast path");
            steps.Add(step);
            shape = step.Output;
        }
        if (shape.Planar || shape.Length != network.OutputShape[0])
            throw new InvalidOperationException($"The fast path of {site} does not end in the logits.");
        // a conv entry followed by a max-pool pools z − correction itself
        if (entry is LesionConvEntry && steps.Count > 0 && steps[0] is LesionPoolStep first)
        {
            entry = new LesionConvEntry((Conv2d)modules[next], parameters, Cropped(network, next), first);
            steps.RemoveAt(0);
        }
        return new LesionPlan(site, entry, [.. steps]);
    }

    /// <summary>The block of a conv module's output positions that later modules read: all, or the top-left multiple of a following pool's size.</summary>
    private static (int Height, int Width) Cropped(Network network, int conv)
    {
        var modules = network.Layers;
        int height = modules[conv].OutputShape[1], width = modules[conv].OutputShape[2];
        for (int m = conv + 1; m < modules.Count; m++)
        {
            if (modules[m] is Relu or BatchNorm or Dropout) continue;
            if (modules[m] is MaxPool2d pool)
            {
                int s = ((MaxPool2dSpec)pool.Spec).Size;
                return (height - height % s, width - width % s);
            }
            break;
        }
        return (height, width);
    }

    // A pool or conv reads planar maps of its input's size (a cropped block only reaches a pool).
    private static LesionShape Planar(LesionShape shape, Layer layer)
    {
        var input = layer.InputShape;
        bool fits = shape.Planar && shape.Channels == input[0]
            && (layer is MaxPool2d ? shape.Height >= input[1] - input[1] % ((MaxPool2dSpec)layer.Spec).Size : shape.Height == input[1])
            && (layer is MaxPool2d ? shape.Width >= input[2] - input[2] % ((MaxPool2dSpec)layer.Spec).Size : shape.Width == input[2]);
        if (!fits) throw new InvalidOperationException($"module {layer.Index} ({layer.Spec.TypeName}) reads {shape} in the fast path");
        return shape;
    }
}
