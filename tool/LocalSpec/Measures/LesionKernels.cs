using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using LocalSpec.Numerics;

namespace LocalSpec.Measures;

/// <summary>
/// The fast lesion paths' products on one thread: <see cref="GatherProduct"/> for the dense chain
/// (<see cref="LesionDenseChain"/>; widths padded to multiples of 32 and row counts to multiples of
/// 12 by the caller, so the SIMD paths need no edge code; each has a scalar twin, used where the CPU
/// lacks AVX-512 or AVX2 + FMA and as the tests' oracle) and <see cref="Product"/> for the plan's
/// convolutions and dense steps. Results differ between the paths by float rounding only.
/// </summary>
[System.Runtime.CompilerServices.SkipLocalsInit]
internal static unsafe class LesionKernels
{
    public const int RowMultiple = 12;
    public const int WidthMultiple = 32;

    /// <summary>
    /// C[r, 0..n) = (accumulate ? C[r, 0..n) : 0) + Σ_k A[r, index[k]] · B[index[k], 0..n) for r &lt; rows:
    /// a product whose inner dimension is the s columns of A that <paramref name="index"/> lists (an
    /// example's active units). A [rows, lda], B [·, ldb], C [rows, ldc]; rows % 12 == 0, n % 32 == 0.
    /// </summary>
    public static void GatherProduct(int rows, int n, int s, float* a, int lda, int* index, float* b, int ldb, float* c, int ldc, bool accumulate = false)
    {
        if (Avx512F.IsSupported) GatherProduct512(rows, n, s, a, lda, index, b, ldb, c, ldc, accumulate);
        else if (Fma.IsSupported && Avx2.IsSupported) GatherProduct256(rows, n, s, a, lda, index, b, ldb, c, ldc, accumulate);
        else GatherProductScalar(rows, n, s, a, lda, index, b, ldb, c, ldc, accumulate);
    }

    /// <summary>
    /// C[m, n] = (accumulate ? C : 0) + alpha · A[m, k] · B[k, n], all row-major with the given
    /// strides: the plan's convolutions (W · im2col) on one thread. AVX-512: 8 × 32 register tiles
    /// reading B's rows in place (no packing; K in blocks of <see cref="ProductDepth"/> so a block
    /// of a 32-column panel stays in L1), edges through small copies; elsewhere the managed SGEMM.
    /// </summary>
    public static void Product(int m, int n, int k, float alpha, float* a, int lda, float* b, int ldb, bool accumulate, float* c, int ldc)
    {
        if (m == 0 || n == 0) return;
        if (!Avx512F.IsSupported || k == 0)
        {
            s_fallback.Sgemm(Transpose.No, Transpose.No, m, n, k, alpha, new ReadOnlySpan<float>(a, (m - 1) * lda + k), lda,
                new ReadOnlySpan<float>(b, Math.Max(0, (k - 1) * ldb + n)), ldb, accumulate ? 1f : 0f, new Span<float>(c, (m - 1) * ldc + n), ldc);
            return;
        }
        int full = n / 32 * 32;
        if (full > 0) Product512(m, full, k, alpha, a, lda, b, ldb, accumulate, c, ldc);
        if (full == n) return;
        // the last n − full columns through 32-wide copies of B and C
        int rest = n - full;
        var scratch = t_edge is { } e && e.Length >= (k + m) * 32 ? e : t_edge = new float[(k + m) * 32];
        fixed (float* pe = scratch)
        {
            float* eb = pe, ec = pe + (nint)k * 32;
            for (int p = 0; p < k; p++)
            {
                new ReadOnlySpan<float>(b + (nint)p * ldb + full, rest).CopyTo(new Span<float>(eb + p * 32, rest));
                new Span<float>(eb + p * 32 + rest, 32 - rest).Clear();
            }
            for (int r = 0; r < m; r++)
                if (accumulate) new ReadOnlySpan<float>(c + (nint)r * ldc + full, rest).CopyTo(new Span<float>(ec + r * 32, rest));
            Product512(m, 32, k, alpha, a, lda, eb, 32, accumulate, ec, 32);
            for (int r = 0; r < m; r++) new ReadOnlySpan<float>(ec + r * 32, rest).CopyTo(new Span<float>(c + (nint)r * ldc + full, rest));
        }
    }

    /// <summary>K per block in <see cref="Product"/>: 192 rows × 32 floats = 24 KiB of B in L1 (measured 96–576 on Zen 5: 192–288 best).</summary>
    internal const int ProductDepth = 192;

    private static readonly ManagedBlas s_fallback = new(threads: 1);

    [ThreadStatic] private static float[]? t_edge;

    // n % 32 == 0
    internal static void Product512(int m, int n, int k, float alpha, float* a, int lda, float* b, int ldb, bool accumulate, float* c, int ldc)
    {
        var al = Vector512.Create(alpha);
        int m8 = m / 8 * 8;
        for (int j0 = 0; j0 < n; j0 += 32)
        {
            for (int p0 = 0; p0 < k; p0 += ProductDepth)
            {
                int pe = Math.Min(k, p0 + ProductDepth);
                bool add = accumulate || p0 > 0;
                for (int r0 = 0; r0 < m8; r0 += 8)
                {
                    Vector512<float> c0a = default, c0b = default, c1a = default, c1b = default, c2a = default, c2b = default, c3a = default, c3b = default,
                        c4a = default, c4b = default, c5a = default, c5b = default, c6a = default, c6b = default, c7a = default, c7b = default;
                    float* ap = a + (nint)r0 * lda;
                    nint la = lda;
                    for (int p = p0; p < pe; p++)
                    {
                        float* bp = b + (nint)p * ldb + j0;
                        Vector512<float> b0 = Vector512.Load(bp), b1 = Vector512.Load(bp + 16), x;
                        x = Vector512.Create(ap[p]); c0a = Avx512F.FusedMultiplyAdd(x, b0, c0a); c0b = Avx512F.FusedMultiplyAdd(x, b1, c0b);
                        x = Vector512.Create(ap[la + p]); c1a = Avx512F.FusedMultiplyAdd(x, b0, c1a); c1b = Avx512F.FusedMultiplyAdd(x, b1, c1b);
                        x = Vector512.Create(ap[2 * la + p]); c2a = Avx512F.FusedMultiplyAdd(x, b0, c2a); c2b = Avx512F.FusedMultiplyAdd(x, b1, c2b);
                        x = Vector512.Create(ap[3 * la + p]); c3a = Avx512F.FusedMultiplyAdd(x, b0, c3a); c3b = Avx512F.FusedMultiplyAdd(x, b1, c3b);
                        x = Vector512.Create(ap[4 * la + p]); c4a = Avx512F.FusedMultiplyAdd(x, b0, c4a); c4b = Avx512F.FusedMultiplyAdd(x, b1, c4b);
                        x = Vector512.Create(ap[5 * la + p]); c5a = Avx512F.FusedMultiplyAdd(x, b0, c5a); c5b = Avx512F.FusedMultiplyAdd(x, b1, c5b);
                        x = Vector512.Create(ap[6 * la + p]); c6a = Avx512F.FusedMultiplyAdd(x, b0, c6a); c6b = Avx512F.FusedMultiplyAdd(x, b1, c6b);
                        x = Vector512.Create(ap[7 * la + p]); c7a = Avx512F.FusedMultiplyAdd(x, b0, c7a); c7b = Avx512F.FusedMultiplyAdd(x, b1, c7b);
                    }
                    float* cp = c + (nint)r0 * ldc + j0;
                    nint lc = ldc;
                    StoreTile(cp, al, add, c0a, c0b);
                    StoreTile(cp + lc, al, add, c1a, c1b);
                    StoreTile(cp + 2 * lc, al, add, c2a, c2b);
                    StoreTile(cp + 3 * lc, al, add, c3a, c3b);
                    StoreTile(cp + 4 * lc, al, add, c4a, c4b);
                    StoreTile(cp + 5 * lc, al, add, c5a, c5b);
                    StoreTile(cp + 6 * lc, al, add, c6a, c6b);
                    StoreTile(cp + 7 * lc, al, add, c7a, c7b);
                }
                int r4 = m8 + (m - m8) / 4 * 4;
                if (r4 > m8)
                {
                    Vector512<float> c0a = default, c0b = default, c1a = default, c1b = default, c2a = default, c2b = default, c3a = default, c3b = default;
                    float* ap = a + (nint)m8 * lda;
                    nint la = lda;
                    for (int p = p0; p < pe; p++)
                    {
                        float* bp = b + (nint)p * ldb + j0;
                        Vector512<float> b0 = Vector512.Load(bp), b1 = Vector512.Load(bp + 16), x;
                        x = Vector512.Create(ap[p]); c0a = Avx512F.FusedMultiplyAdd(x, b0, c0a); c0b = Avx512F.FusedMultiplyAdd(x, b1, c0b);
                        x = Vector512.Create(ap[la + p]); c1a = Avx512F.FusedMultiplyAdd(x, b0, c1a); c1b = Avx512F.FusedMultiplyAdd(x, b1, c1b);
                        x = Vector512.Create(ap[2 * la + p]); c2a = Avx512F.FusedMultiplyAdd(x, b0, c2a); c2b = Avx512F.FusedMultiplyAdd(x, b1, c2b);
                        x = Vector512.Create(ap[3 * la + p]); c3a = Avx512F.FusedMultiplyAdd(x, b0, c3a); c3b = Avx512F.FusedMultiplyAdd(x, b1, c3b);
                    }
                    float* cp = c + (nint)m8 * ldc + j0;
                    nint lc = ldc;
                    StoreTile(cp, al, add, c0a, c0b);
                    StoreTile(cp + lc, al, add, c1a, c1b);
                    StoreTile(cp + 2 * lc, al, add, c2a, c2b);
                    StoreTile(cp + 3 * lc, al, add, c3a, c3b);
                }
                for (int r = r4; r < m; r++)
                {
                    Vector512<float> x0 = default, x1 = default;
                    float* ar = a + (nint)r * lda;
                    for (int p = p0; p < pe; p++)
                    {
                        var x = Vector512.Create(ar[p]);
                        float* bp = b + (nint)p * ldb + j0;
                        x0 = Avx512F.FusedMultiplyAdd(x, Vector512.Load(bp), x0);
                        x1 = Avx512F.FusedMultiplyAdd(x, Vector512.Load(bp + 16), x1);
                    }
                    StoreTile(c + (nint)r * ldc + j0, al, add, x0, x1);
                }
            }
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static void StoreTile(float* c, Vector512<float> alpha, bool add, Vector512<float> x0, Vector512<float> x1)
    {
        if (add)
        {
            Vector512.Store(Vector512.Load(c) + alpha * x0, c);
            Vector512.Store(Vector512.Load(c + 16) + alpha * x1, c + 16);
        }
        else
        {
            Vector512.Store(alpha * x0, c);
            Vector512.Store(alpha * x1, c + 16);
        }
    }

    /// <summary>The AVX-512 kernel: <see cref="LesionFusedProduct.Run512"/> without an epilogue (12 × 32 register tiles written straight to C).</summary>
    internal static void GatherProduct512(int rows, int n, int s, float* a, int lda, int* index, float* b, int ldb, float* c, int ldc, bool accumulate) =>
        LesionFusedProduct.Run512(rows, n, s, a, lda, index, b, ldb, c, ldc, accumulate, new LesionEpilogue { Mode = LesionEpilogueMode.Store });

    internal static void GatherProduct256(int rows, int n, int s, float* a, int lda, int* index, float* b, int ldb, float* c, int ldc, bool accumulate)
    {
        for (int r0 = 0; r0 < rows; r0 += 6)
        {
            for (int j0 = 0; j0 < n; j0 += 16)
            {
                Vector256<float> c0a = default, c0b = default, c1a = default, c1b = default, c2a = default, c2b = default, c3a = default, c3b = default, c4a = default, c4b = default, c5a = default, c5b = default;
                if (accumulate)
                {
                    float* q = c + (nint)r0 * ldc + j0;
                    nint w = ldc;
                    c0a = Vector256.Load(q); c0b = Vector256.Load(q + 8); c1a = Vector256.Load(q + w); c1b = Vector256.Load(q + w + 8);
                    c2a = Vector256.Load(q + 2 * w); c2b = Vector256.Load(q + 2 * w + 8); c3a = Vector256.Load(q + 3 * w); c3b = Vector256.Load(q + 3 * w + 8);
                    c4a = Vector256.Load(q + 4 * w); c4b = Vector256.Load(q + 4 * w + 8); c5a = Vector256.Load(q + 5 * w); c5b = Vector256.Load(q + 5 * w + 8);
                }
                float* a0 = a + (nint)r0 * lda;
                nint l = lda;
                for (int k = 0; k < s; k++)
                {
                    int u = index[k];
                    float* bp = b + (nint)u * ldb + j0;
                    float* ap = a0 + u;
                    Vector256<float> b0 = Vector256.Load(bp), b1 = Vector256.Load(bp + 8), x;
                    x = Vector256.Create(ap[0]); c0a = Fma.MultiplyAdd(x, b0, c0a); c0b = Fma.MultiplyAdd(x, b1, c0b);
                    x = Vector256.Create(ap[l]); c1a = Fma.MultiplyAdd(x, b0, c1a); c1b = Fma.MultiplyAdd(x, b1, c1b);
                    x = Vector256.Create(ap[2 * l]); c2a = Fma.MultiplyAdd(x, b0, c2a); c2b = Fma.MultiplyAdd(x, b1, c2b);
                    x = Vector256.Create(ap[3 * l]); c3a = Fma.MultiplyAdd(x, b0, c3a); c3b = Fma.MultiplyAdd(x, b1, c3b);
                    x = Vector256.Create(ap[4 * l]); c4a = Fma.MultiplyAdd(x, b0, c4a); c4b = Fma.MultiplyAdd(x, b1, c4b);
                    x = Vector256.Create(ap[5 * l]); c5a = Fma.MultiplyAdd(x, b0, c5a); c5b = Fma.MultiplyAdd(x, b1, c5b);
                }
                float* cp = c + (nint)r0 * ldc + j0;
                nint m = ldc;
                Vector256.Store(c0a, cp); Vector256.Store(c0b, cp + 8);
                Vector256.Store(c1a, cp + m); Vector256.Store(c1b, cp + m + 8);
                Vector256.Store(c2a, cp + 2 * m); Vector256.Store(c2b, cp + 2 * m + 8);
                Vector256.Store(c3a, cp + 3 * m); Vector256.Store(c3b, cp + 3 * m + 8);
                Vector256.Store(c4a, cp + 4 * m); Vector256.Store(c4b, cp + 4 * m + 8);
                Vector256.Store(c5a, cp + 5 * m); Vector256.Store(c5b, cp + 5 * m + 8);
            }
        }
    }

    internal static void GatherProductScalar(int rows, int n, int s, float* a, int lda, int* index, float* b, int ldb, float* c, int ldc, bool accumulate)
    {
        for (int r = 0; r < rows; r++)
        {
            float* cr = c + (nint)r * ldc;
            if (!accumulate) new Span<float>(cr, n).Clear();
            for (int k = 0; k < s; k++)
            {
                int u = index[k];
                float x = a[(nint)r * lda + u];
                float* bu = b + (nint)u * ldb;
                for (int j = 0; j < n; j++) cr[j] = MathF.FusedMultiplyAdd(x, bu[j], cr[j]);
            }
        }
    }
}
