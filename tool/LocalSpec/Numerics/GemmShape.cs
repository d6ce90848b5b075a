namespace LocalSpec.Numerics;

/// <summary>Argument checks shared by every <see cref="IBlas"/> provider (done once, at the boundary).</summary>
public static class GemmShape
{
    public static void Validate(Transpose transA, Transpose transB, int m, int n, int k,
        int aLength, int lda, int bLength, int ldb, int cLength, int ldc)
    {
        if (m < 0 || n < 0 || k < 0)
            throw new ArgumentOutOfRangeException(nameof(m), $"GEMM dimensions must be non-negative (M={m}, N={n}, K={k}).");
        int aRows = transA == Transpose.No ? m : k, aCols = transA == Transpose.No ? k : m;
        int bRows = transB == Transpose.No ? k : n, bCols = transB == Transpose.No ? n : k;
        Check("A", aRows, aCols, aLength, lda);
        Check("B", bRows, bCols, bLength, ldb);
        Check("C", m, n, cLength, ldc);
    }

    private static void Check(string name, int rows, int cols, int length, int ld)
    {
        if (ld < Math.Max(1, cols))
            throw new ArgumentOutOfRangeException(name, $"Leading dimension of {name} ({ld}) is smaller than its {cols} columns.");
        if (rows > 0 && cols > 0 && (long)(rows - 1) * ld + cols > length)
            throw new ArgumentException($"{name} needs {(long)(rows - 1) * ld + cols} elements for a {rows}x{cols} matrix with leading dimension {ld}, but has {length}.", name);
    }
}
