using LocalSpec.Numerics;
using Xunit;

namespace LocalSpec.Tests.Numerics;

/// <summary>Shapes and scalars every SGEMM provider is checked on.</summary>
public static class GemmCases
{
    private static readonly (Transpose A, Transpose B)[] Transposes =
        [(Transpose.No, Transpose.No), (Transpose.Yes, Transpose.No), (Transpose.No, Transpose.Yes), (Transpose.Yes, Transpose.Yes)];

    /// <summary>Odd, square and non-square sizes (1, 7, 33, 130 and mixes), every transpose combination.</summary>
    public static TheoryData<Transpose, Transpose, int, int, int> Shapes()
    {
        (int M, int N, int K)[] sizes =
        [
            (1, 1, 1), (7, 7, 7), (33, 33, 33), (130, 130, 130), (7, 33, 130), (130, 7, 33),
            (33, 130, 7), (1, 130, 33), (130, 1, 7), (13, 29, 1),
        ];
        var data = new TheoryData<Transpose, Transpose, int, int, int>();
        foreach (var (ta, tb) in Transposes)
            foreach (var (m, n, k) in sizes) data.Add(ta, tb, m, n, k);
        return data;
    }

    /// <summary>alpha/beta pairs: overwrite (beta = 0 on a NaN C), accumulate, negative and fractional scalars, alpha = 0.</summary>
    public static TheoryData<Transpose, Transpose, float, float> Scalars()
    {
        (float Alpha, float Beta)[] scalars = [(1f, 0f), (1f, 1f), (-2f, 0.5f), (0.5f, -1f), (0.75f, 0f), (0f, 2f), (0f, 0f)];
        var data = new TheoryData<Transpose, Transpose, float, float>();
        foreach (var (ta, tb) in Transposes)
            foreach (var (alpha, beta) in scalars) data.Add(ta, tb, alpha, beta);
        return data;
    }

    /// <summary>Every transpose combination.</summary>
    public static TheoryData<Transpose, Transpose> AllTransposes()
    {
        var data = new TheoryData<Transpose, Transpose>();
        foreach (var (ta, tb) in Transposes) data.Add(ta, tb);
        return data;
    }
}
