namespace LocalSpec.Numerics;

/// <summary>
/// Copies blocks of op(A) and op(B) into the contiguous micro-panels the register tiles stream
/// through (BLIS layout), resolving the transposes here so the kernels see one layout only.
/// Panels past the matrix edge are zero-padded: the kernels always compute full tiles.
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>
    /// op(A)[i0 : i0+rows, p0 : p0+kc] → ⌈rows/mr⌉ panels, each [kc][mr].
    /// A is [M,K] (lda) when <paramref name="trans"/> is No, else [K,M].
    /// </summary>
    public static void PackA(Transpose trans, float* a, int lda, int i0, int rows, int p0, int kc, int mr, float* dst)
    {
        for (int r0 = 0; r0 < rows; r0 += mr, dst += (nint)mr * kc)
        {
            int h = Math.Min(mr, rows - r0);
            if (trans == Transpose.No)
            {
                for (int r = 0; r < h; r++)
                {
                    float* src = a + (nint)(i0 + r0 + r) * lda + p0;
                    for (int p = 0; p < kc; p++) dst[p * mr + r] = src[p];
                }
            }
            else
            {
                for (int p = 0; p < kc; p++)
                {
                    float* src = a + (nint)(p0 + p) * lda + i0 + r0;
                    float* d = dst + p * mr;
                    for (int r = 0; r < h; r++) d[r] = src[r];
                }
            }
            if (h < mr) ZeroTail(dst, kc, mr, h);
        }
    }

    /// <summary>
    /// op(B)[p0 : p0+kc, j0 : j0+cols] → ⌈cols/nr⌉ panels, each [kc][nr].
    /// B is [K,N] (ldb) when <paramref name="trans"/> is No, else [N,K].
    /// </summary>
    public static void PackB(Transpose trans, float* b, int ldb, int p0, int kc, int j0, int cols, int nr, float* dst)
    {
        for (int q0 = 0; q0 < cols; q0 += nr, dst += (nint)nr * kc)
        {
            int w = Math.Min(nr, cols - q0);
            if (trans == Transpose.No)
            {
                for (int p = 0; p < kc; p++)
                {
                    var src = new ReadOnlySpan<float>(b + (nint)(p0 + p) * ldb + j0 + q0, w);
                    src.CopyTo(new Span<float>(dst + p * nr, w));
                }
            }
            else
            {
                for (int jj = 0; jj < w; jj++)
                {
                    float* src = b + (nint)(j0 + q0 + jj) * ldb + p0;
                    for (int p = 0; p < kc; p++) dst[p * nr + jj] = src[p];
                }
            }
            if (w < nr) ZeroTail(dst, kc, nr, w);
        }
    }

    // Zeroes columns [used, width) of a [kc][width] panel.
    private static void ZeroTail(float* panel, int kc, int width, int used)
    {
        for (int p = 0; p < kc; p++)
            new Span<float>(panel + p * width + used, width - used).Clear();
    }
}
