using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LocalSpec.Measures;

/// <summary>
/// <see cref="LesionKernels.GatherProduct"/> with the dense chain's per-row work done while each
/// block of 12 rows is still in L1 (<see cref="LesionEpilogue"/>): the row's extra columns, then the
/// lesioned pre-activations and the ReLU change of the next layer, or the logits. This saves the
/// separate passes over the product and the change rows, which cost more than the product's own
/// arithmetic moves through memory. Rows are finished whole once their block's column tiles are
/// done, not per 32-column tile: a row's extra columns are then eight independent FMA chains per
/// 128 columns rather than two dependent ones per tile (measured alone, with 4 extra columns per
/// row: 101–122 → 152 GFLOP/s). Without AVX-512: the plain product, then the same epilogue row by
/// row in scalar code (also the tests' oracle).
/// </summary>
[SkipLocalsInit]
internal static unsafe class LesionFusedProduct
{
    /// <summary>
    /// acc[r, 0..n) = (accumulate ? C[r, 0..n) : 0) + Σ_k A[r, index[k]] · B[index[k], 0..n), then the
    /// epilogue for rows r &lt; epilogue.RealRows. rows % 12 == 0, n % 32 == 0; C [rows, ldc] is also the
    /// fallback's work space in the modes that write Out.
    /// </summary>
    public static void Run(int rows, int n, int s, float* a, int lda, int* index, float* b, int ldb, float* c, int ldc, bool accumulate, in LesionEpilogue epilogue)
    {
        if (Avx512F.IsSupported)
        {
            Run512(rows, n, s, a, lda, index, b, ldb, c, ldc, accumulate, epilogue);
            return;
        }
        RunScalar(rows, n, s, a, lda, index, b, ldb, c, ldc, accumulate, epilogue);
    }

    internal static void RunScalar(int rows, int n, int s, float* a, int lda, int* index, float* b, int ldb, float* c, int ldc, bool accumulate, in LesionEpilogue ep)
    {
        LesionKernels.GatherProduct(rows, n, s, a, lda, index, b, ldb, c, ldc, accumulate);
        for (int r = 0; r < ep.RealRows; r++)
        {
            float* t = c + (nint)r * ldc;
            if (ep.CountsIn != null)
            {
                int count = ep.CountsIn[(nint)r * ep.CountStride];
                int* list = ep.ExtrasIn + (nint)r * ep.ListStride;
                float* coef = a + (nint)r * lda;
                for (int q = 0; q < count; q++)
                {
                    int u = list[q];
                    for (int j = 0; j < n; j++) t[j] = MathF.FusedMultiplyAdd(coef[u], b[(nint)u * ldb + j], t[j]);
                }
            }
            if (ep.Mode == LesionEpilogueMode.Store) continue;
            float* z = ep.Z + (nint)r * ep.ZStride, h = ep.H + (nint)r * ep.ZStride;
            if (ep.Mode == LesionEpilogueMode.Logits)
            {
                for (int j = 0; j < n; j++) t[j] = z[j] + ep.Sign * t[j];
                continue;
            }
            float* o = ep.Out + (nint)r * ep.OutStride;
            int* list2 = ep.ExtrasOut + (nint)r * ep.ListStride;
            int listed = 0;
            for (int j = 0; j < n; j++)
            {
                bool complement = ep.Mode == LesionEpilogueMode.Complement;
                float x = t[j], pre = complement ? z[j] - x : z[j] + ep.Sign * x;
                float d = (float.IsNaN(pre) ? pre : MathF.Max(pre, 0f)) - h[j];
                o[j] = complement ? -(d + x) : d;
                if (complement ? h[j] > 0f && !(pre > 0f) : h[j] == 0f && !(pre <= 0f)) list2[listed++] = j;
            }
            ep.CountsOut[(nint)r * ep.CountStride] = listed;
        }
    }

    internal static void Run512(int rows, int n, int s, float* a, int lda, int* index, float* b, int ldb, float* c, int ldc, bool accumulate, in LesionEpilogue ep)
    {
        bool plain = ep.Mode == LesionEpilogueMode.Store && ep.CountsIn == null;
        // the 12 rows' products, finished row by row once all their column tiles are done
        float[]? buffer = plain ? null : t_rows is { } held && held.Length >= 12 * n ? held : t_rows = new float[12 * n];
        fixed (float* block = buffer)
        {
            for (int r0 = 0; r0 < rows; r0 += 12)
            {
                for (int j0 = 0; j0 < n; j0 += 32)
                {
                    Vector512<float> c0a = default, c0b = default, c1a = default, c1b = default, c2a = default, c2b = default, c3a = default, c3b = default, c4a = default, c4b = default, c5a = default, c5b = default, c6a = default, c6b = default, c7a = default, c7b = default, c8a = default, c8b = default, c9a = default, c9b = default, c10a = default, c10b = default, c11a = default, c11b = default;
                    float* q = c + (nint)r0 * ldc + j0;
                    nint w = ldc;
                    if (accumulate)
                    {
                        c0a = Vector512.Load(q); c0b = Vector512.Load(q + 16); c1a = Vector512.Load(q + w); c1b = Vector512.Load(q + w + 16);
                        c2a = Vector512.Load(q + 2 * w); c2b = Vector512.Load(q + 2 * w + 16); c3a = Vector512.Load(q + 3 * w); c3b = Vector512.Load(q + 3 * w + 16);
                        c4a = Vector512.Load(q + 4 * w); c4b = Vector512.Load(q + 4 * w + 16); c5a = Vector512.Load(q + 5 * w); c5b = Vector512.Load(q + 5 * w + 16);
                        c6a = Vector512.Load(q + 6 * w); c6b = Vector512.Load(q + 6 * w + 16); c7a = Vector512.Load(q + 7 * w); c7b = Vector512.Load(q + 7 * w + 16);
                        c8a = Vector512.Load(q + 8 * w); c8b = Vector512.Load(q + 8 * w + 16); c9a = Vector512.Load(q + 9 * w); c9b = Vector512.Load(q + 9 * w + 16);
                        c10a = Vector512.Load(q + 10 * w); c10b = Vector512.Load(q + 10 * w + 16); c11a = Vector512.Load(q + 11 * w); c11b = Vector512.Load(q + 11 * w + 16);
                    }
                    float* a0 = a + (nint)r0 * lda;
                    nint l = lda;
                    for (int k = 0; k < s; k++)
                    {
                        int u = index[k];
                        float* bp = b + (nint)u * ldb + j0;
                        float* ap = a0 + u;
                        Vector512<float> b0 = Vector512.Load(bp), b1 = Vector512.Load(bp + 16), x;
                        x = Vector512.Create(ap[0]); c0a = Avx512F.FusedMultiplyAdd(x, b0, c0a); c0b = Avx512F.FusedMultiplyAdd(x, b1, c0b);
                        x = Vector512.Create(ap[l]); c1a = Avx512F.FusedMultiplyAdd(x, b0, c1a); c1b = Avx512F.FusedMultiplyAdd(x, b1, c1b);
                        x = Vector512.Create(ap[2 * l]); c2a = Avx512F.FusedMultiplyAdd(x, b0, c2a); c2b = Avx512F.FusedMultiplyAdd(x, b1, c2b);
                        x = Vector512.Create(ap[3 * l]); c3a = Avx512F.FusedMultiplyAdd(x, b0, c3a); c3b = Avx512F.FusedMultiplyAdd(x, b1, c3b);
                        x = Vector512.Create(ap[4 * l]); c4a = Avx512F.FusedMultiplyAdd(x, b0, c4a); c4b = Avx512F.FusedMultiplyAdd(x, b1, c4b);
                        x = Vector512.Create(ap[5 * l]); c5a = Avx512F.FusedMultiplyAdd(x, b0, c5a); c5b = Avx512F.FusedMultiplyAdd(x, b1, c5b);
                        x = Vector512.Create(ap[6 * l]); c6a = Avx512F.FusedMultiplyAdd(x, b0, c6a); c6b = Avx512F.FusedMultiplyAdd(x, b1, c6b);
                        x = Vector512.Create(ap[7 * l]); c7a = Avx512F.FusedMultiplyAdd(x, b0, c7a); c7b = Avx512F.FusedMultiplyAdd(x, b1, c7b);
                        x = Vector512.Create(ap[8 * l]); c8a = Avx512F.FusedMultiplyAdd(x, b0, c8a); c8b = Avx512F.FusedMultiplyAdd(x, b1, c8b);
                        x = Vector512.Create(ap[9 * l]); c9a = Avx512F.FusedMultiplyAdd(x, b0, c9a); c9b = Avx512F.FusedMultiplyAdd(x, b1, c9b);
                        x = Vector512.Create(ap[10 * l]); c10a = Avx512F.FusedMultiplyAdd(x, b0, c10a); c10b = Avx512F.FusedMultiplyAdd(x, b1, c10b);
                        x = Vector512.Create(ap[11 * l]); c11a = Avx512F.FusedMultiplyAdd(x, b0, c11a); c11b = Avx512F.FusedMultiplyAdd(x, b1, c11b);
                    }
                    float* dst = plain ? q : block + j0;
                    nint m = plain ? ldc : n;
                    Vector512.Store(c0a, dst); Vector512.Store(c0b, dst + 16);
                    Vector512.Store(c1a, dst + m); Vector512.Store(c1b, dst + m + 16);
                    Vector512.Store(c2a, dst + 2 * m); Vector512.Store(c2b, dst + 2 * m + 16);
                    Vector512.Store(c3a, dst + 3 * m); Vector512.Store(c3b, dst + 3 * m + 16);
                    Vector512.Store(c4a, dst + 4 * m); Vector512.Store(c4b, dst + 4 * m + 16);
                    Vector512.Store(c5a, dst + 5 * m); Vector512.Store(c5b, dst + 5 * m + 16);
                    Vector512.Store(c6a, dst + 6 * m); Vector512.Store(c6b, dst + 6 * m + 16);
                    Vector512.Store(c7a, dst + 7 * m); Vector512.Store(c7b, dst + 7 * m + 16);
                    Vector512.Store(c8a, dst + 8 * m); Vector512.Store(c8b, dst + 8 * m + 16);
                    Vector512.Store(c9a, dst + 9 * m); Vector512.Store(c9b, dst + 9 * m + 16);
                    Vector512.Store(c10a, dst + 10 * m); Vector512.Store(c10b, dst + 10 * m + 16);
                    Vector512.Store(c11a, dst + 11 * m); Vector512.Store(c11b, dst + 11 * m + 16);
                }
                if (plain) continue;
                int last = Math.Min(12, ep.RealRows - r0);
                for (int i = 0; i < last; i++) FinishRow512(block + (nint)i * n, r0 + i, n, a, lda, b, ldb, c, ldc, ep);
            }
        }
    }

    [ThreadStatic] private static float[]? t_rows;

    // One row's n columns t: its extra columns (eight independent FMA chains per 128 columns rather
    // than two dependent ones per 32-column tile), then the epilogue.
    private static void FinishRow512(float* t, int r, int n, float* a, int lda, float* b, int ldb, float* c, int ldc, in LesionEpilogue ep)
    {
        if (ep.CountsIn != null)
        {
            int count = ep.CountsIn[(nint)r * ep.CountStride];
            int* list = ep.ExtrasIn + (nint)r * ep.ListStride;
            float* coef = a + (nint)r * lda;
            int j = 0;
            // 128 columns at a time: eight independent FMA chains, each as long as the row's list
            for (; j + 128 <= n; j += 128)
            {
                float* x = t + j;
                Vector512<float> x0 = Vector512.Load(x), x1 = Vector512.Load(x + 16), x2 = Vector512.Load(x + 32), x3 = Vector512.Load(x + 48),
                    x4 = Vector512.Load(x + 64), x5 = Vector512.Load(x + 80), x6 = Vector512.Load(x + 96), x7 = Vector512.Load(x + 112);
                for (int q = 0; q < count; q++)
                {
                    int u = list[q];
                    var v = Vector512.Create(coef[u]);
                    float* bp = b + (nint)u * ldb + j;
                    x0 = Avx512F.FusedMultiplyAdd(v, Vector512.Load(bp), x0);
                    x1 = Avx512F.FusedMultiplyAdd(v, Vector512.Load(bp + 16), x1);
                    x2 = Avx512F.FusedMultiplyAdd(v, Vector512.Load(bp + 32), x2);
                    x3 = Avx512F.FusedMultiplyAdd(v, Vector512.Load(bp + 48), x3);
                    x4 = Avx512F.FusedMultiplyAdd(v, Vector512.Load(bp + 64), x4);
                    x5 = Avx512F.FusedMultiplyAdd(v, Vector512.Load(bp + 80), x5);
                    x6 = Avx512F.FusedMultiplyAdd(v, Vector512.Load(bp + 96), x6);
                    x7 = Avx512F.FusedMultiplyAdd(v, Vector512.Load(bp + 112), x7);
                }
                Vector512.Store(x0, x); Vector512.Store(x1, x + 16); Vector512.Store(x2, x + 32); Vector512.Store(x3, x + 48);
                Vector512.Store(x4, x + 64); Vector512.Store(x5, x + 80); Vector512.Store(x6, x + 96); Vector512.Store(x7, x + 112);
            }
            for (; j < n; j += 32)
            {
                float* x = t + j;
                Vector512<float> x0 = Vector512.Load(x), x1 = Vector512.Load(x + 16);
                for (int q = 0; q < count; q++)
                {
                    int u = list[q];
                    var v = Vector512.Create(coef[u]);
                    float* bp = b + (nint)u * ldb + j;
                    x0 = Avx512F.FusedMultiplyAdd(v, Vector512.Load(bp), x0);
                    x1 = Avx512F.FusedMultiplyAdd(v, Vector512.Load(bp + 16), x1);
                }
                Vector512.Store(x0, x); Vector512.Store(x1, x + 16);
            }
        }
        float* cr = c + (nint)r * ldc;
        if (ep.Mode == LesionEpilogueMode.Store)
        {
            for (int j = 0; j < n; j += 16) Vector512.Store(Vector512.Load(t + j), cr + j);
            return;
        }
        float* z = ep.Z + (nint)r * ep.ZStride, h = ep.H + (nint)r * ep.ZStride;
        var sign = Vector512.Create(ep.Sign);
        if (ep.Mode == LesionEpilogueMode.Logits)
        {
            for (int j = 0; j < n; j += 16) Vector512.Store(Vector512.Load(z + j) + sign * Vector512.Load(t + j), cr + j);
            return;
        }
        float* o = ep.Out + (nint)r * ep.OutStride;
        int* listOut = ep.ExtrasOut + (nint)r * ep.ListStride;
        int listed = 0;
        bool complement = ep.Mode == LesionEpilogueMode.Complement;
        for (int j = 0; j < n; j += 16)
        {
            Vector512<float> x = Vector512.Load(t + j), zj = Vector512.Load(z + j), hj = Vector512.Load(h + j), p;
            ulong bits;
            if (complement)
            {
                p = zj - x;
                Vector512.Store(-(Vector512.Max(p, Vector512<float>.Zero) - hj + x), o + j);
                bits = (Vector512.GreaterThan(hj, Vector512<float>.Zero) & ~Vector512.GreaterThan(p, Vector512<float>.Zero)).ExtractMostSignificantBits();
            }
            else
            {
                p = zj + sign * x;
                Vector512.Store(Vector512.Max(p, Vector512<float>.Zero) - hj, o + j);
                bits = (Vector512.Equals(hj, Vector512<float>.Zero) & ~Vector512.LessThanOrEqual(p, Vector512<float>.Zero)).ExtractMostSignificantBits();
            }
            while (bits != 0)
            {
                listOut[listed++] = j + BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
            }
        }
        ep.CountsOut[(nint)r * ep.CountStride] = listed;
    }
}
