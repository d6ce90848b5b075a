using System.Numerics.Tensors;

namespace LocalSpec.Nn;

/// <summary>Validation and application of <see cref="ForwardOptions.UnitMasks"/>.</summary>
internal static class UnitMasks
{
    /// <summary>Masks indexed by module (null where none); checks keys and lengths.</summary>
    public static float[]?[] Resolve(IReadOnlyList<Layer> layers, IReadOnlyDictionary<int, float[]>? masks, int from, int to)
    {
        var resolved = new float[]?[layers.Count];
        if (masks is null) return resolved;
        foreach (var (module, mask) in masks)
        {
            if (module < from || module > to)
                throw new ArgumentException($"UnitMasks has module {module}, outside the modules run ({from}..{to}).");
            ArgumentNullException.ThrowIfNull(mask);
            if (mask.Length != layers[module].Units)
                throw new ArgumentException($"UnitMasks[{module}] has {mask.Length} values but module {module} ({layers[module].Spec.TypeName}) has {layers[module].Units} units.");
            resolved[module] = mask;
        }
        return resolved;
    }

    // y [N, U, S] *= mask [U] (S = H·W, or 1 for [N, F])
    public static void Apply(float[] y, int n, Layer layer, float[] mask)
    {
        int length = layer.OutputLength, units = layer.Units, s = length / units;
        Parallelism.For(n, length, i =>
        {
            var row = y.AsSpan(i * length, length);
            if (s == 1)
            {
                TensorPrimitives.Multiply(row, mask, row);
                return;
            }
            for (int u = 0; u < units; u++)
            {
                var plane = row.Slice(u * s, s);
                TensorPrimitives.Multiply(plane, mask[u], plane);
            }
        });
    }
}
