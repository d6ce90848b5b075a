using LocalSpec.Nn;
using LocalSpec.Numerics;

namespace LocalSpec.Measures;

/// <summary>
/// Next layer dense (possibly behind a flatten): lesioning units c removes the features F(c) =
/// {u·S + s : u ∈ c, s &lt; S} of its input, so z' [n, Out] = z − A[:, F] · W[:, F]ᵀ, a GEMM whose inner
/// dimension is |c|·S instead of the layer's whole input.
/// </summary>
internal sealed class LesionDenseEntry : LesionEntry
{
    private readonly float[] _weight;
    private readonly int _in, _out, _unitSize;

    public LesionDenseEntry(Dense layer, float[] parameters, int unitSize) : base(LesionShape.Rows(layer.OutputLength))
    {
        _weight = parameters.AsSpan(layer.Weight.Offset, layer.Weight.Length).ToArray();
        (_in, _out, _unitSize) = (layer.InputLength, layer.OutputLength, unitSize);
    }

    /// <summary>W[:, F] [Out, |F|] and one example's A[:, F], with |F| ≤ In.</summary>
    public override int MinimumScratch => (_out + 1) * _in;

    public override void Load(ReadOnlySpan<float> z, int n, float[] cache) => z[..(n * _out)].CopyTo(cache);

    public override void Fill(float[] cache, float[] a, int n, int e0, int count, IReadOnlyList<int[]> lesions, float[] y, float[] scratch, LesionCompute compute)
    {
        int block = count * _out;
        for (int l = 0; l < lesions.Count; l++)
        {
            var target = y.AsSpan(l * block, block);
            cache.AsSpan(e0 * _out, block).CopyTo(target);
            int[] units = lesions[l];
            int f = units.Length * _unitSize;
            if (f == 0) continue;
            var wF = scratch.AsSpan(0, _out * f);
            Gather(_weight, 0, _out, units, wF);
            int chunk = Math.Clamp((scratch.Length - _out * f) / f, 1, count);
            for (int s0 = 0; s0 < count; s0 += chunk)
            {
                int b = Math.Min(chunk, count - s0);
                var aF = scratch.AsSpan(_out * f, b * f);
                Gather(a, e0 + s0, b, units, aF);
                // z'_l [b, Out] −= A[:, F] [b, |F|] · W[:, F]ᵀ [|F|, Out]
                compute.Blas.Sgemm(Transpose.No, Transpose.Yes, b, _out, f, -1f, aF, f, wF, f, 1f, target[(s0 * _out)..], _out);
            }
        }
    }

    // result [rows, |c|·S] = m [r0.., U·S] restricted to the units' S-blocks
    private void Gather(ReadOnlySpan<float> m, int r0, int rows, int[] units, Span<float> result)
    {
        int f = units.Length * _unitSize;
        for (int r = 0; r < rows; r++)
        {
            var source = m.Slice((r0 + r) * _in, _in);
            var target = result.Slice(r * f, f);
            if (_unitSize == 1)
            {
                for (int i = 0; i < units.Length; i++) target[i] = source[units[i]];
                continue;
            }
            for (int i = 0; i < units.Length; i++) source.Slice(units[i] * _unitSize, _unitSize).CopyTo(target.Slice(i * _unitSize, _unitSize));
        }
    }
}
