using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LocalSpec.Numerics;

/// <summary>
/// AVX-512 register tile: C[12,32] = alpha · Ap[12,kc] · Bp[kc,32] + beta · C, with Ap packed
/// [kc][12] and Bp packed [kc][32]. 24 zmm accumulators + 2 B vectors + 1 broadcast fit the 32
/// registers; per k step 24 FMAs against 2 loads and 12 broadcasts keep both FMA pipes busy.
/// </summary>
[SkipLocalsInit]
internal static unsafe class GemmKernelAvx512
{
    public const int Mr = 12;
    public const int Nr = 32;

    /// <summary>beta == 0 overwrites C (BLAS convention: C is not read, NaNs in it vanish).</summary>
    public static void Run(int kc, float* a, float* b, float* c, int ldc, float alpha, float beta)
    {
        Vector512<float> c0a = default, c0b = default, c1a = default, c1b = default, c2a = default, c2b = default, c3a = default, c3b = default, c4a = default, c4b = default, c5a = default, c5b = default, c6a = default, c6b = default, c7a = default, c7b = default, c8a = default, c8b = default, c9a = default, c9b = default, c10a = default, c10b = default, c11a = default, c11b = default;
        for (int p = 0; p < kc; p++)
        {
            Vector512<float> b0 = Vector512.Load(b), b1 = Vector512.Load(b + 16), ar;
            ar = Vector512.Create(a[0]); c0a = Avx512F.FusedMultiplyAdd(ar, b0, c0a); c0b = Avx512F.FusedMultiplyAdd(ar, b1, c0b);
            ar = Vector512.Create(a[1]); c1a = Avx512F.FusedMultiplyAdd(ar, b0, c1a); c1b = Avx512F.FusedMultiplyAdd(ar, b1, c1b);
            ar = Vector512.Create(a[2]); c2a = Avx512F.FusedMultiplyAdd(ar, b0, c2a); c2b = Avx512F.FusedMultiplyAdd(ar, b1, c2b);
            ar = Vector512.Create(a[3]); c3a = Avx512F.FusedMultiplyAdd(ar, b0, c3a); c3b = Avx512F.FusedMultiplyAdd(ar, b1, c3b);
            ar = Vector512.Create(a[4]); c4a = Avx512F.FusedMultiplyAdd(ar, b0, c4a); c4b = Avx512F.FusedMultiplyAdd(ar, b1, c4b);
            ar = Vector512.Create(a[5]); c5a = Avx512F.FusedMultiplyAdd(ar, b0, c5a); c5b = Avx512F.FusedMultiplyAdd(ar, b1, c5b);
            ar = Vector512.Create(a[6]); c6a = Avx512F.FusedMultiplyAdd(ar, b0, c6a); c6b = Avx512F.FusedMultiplyAdd(ar, b1, c6b);
            ar = Vector512.Create(a[7]); c7a = Avx512F.FusedMultiplyAdd(ar, b0, c7a); c7b = Avx512F.FusedMultiplyAdd(ar, b1, c7b);
            ar = Vector512.Create(a[8]); c8a = Avx512F.FusedMultiplyAdd(ar, b0, c8a); c8b = Avx512F.FusedMultiplyAdd(ar, b1, c8b);
            ar = Vector512.Create(a[9]); c9a = Avx512F.FusedMultiplyAdd(ar, b0, c9a); c9b = Avx512F.FusedMultiplyAdd(ar, b1, c9b);
            ar = Vector512.Create(a[10]); c10a = Avx512F.FusedMultiplyAdd(ar, b0, c10a); c10b = Avx512F.FusedMultiplyAdd(ar, b1, c10b);
            ar = Vector512.Create(a[11]); c11a = Avx512F.FusedMultiplyAdd(ar, b0, c11a); c11b = Avx512F.FusedMultiplyAdd(ar, b1, c11b);
            a += Mr;
            b += Nr;
        }
        Vector512<float> va = Vector512.Create(alpha), vb = Vector512.Create(beta);
        bool overwrite = beta == 0f;
        Store(c + 0 * ldc, va, vb, overwrite, c0a, c0b);
        Store(c + 1 * ldc, va, vb, overwrite, c1a, c1b);
        Store(c + 2 * ldc, va, vb, overwrite, c2a, c2b);
        Store(c + 3 * ldc, va, vb, overwrite, c3a, c3b);
        Store(c + 4 * ldc, va, vb, overwrite, c4a, c4b);
        Store(c + 5 * ldc, va, vb, overwrite, c5a, c5b);
        Store(c + 6 * ldc, va, vb, overwrite, c6a, c6b);
        Store(c + 7 * ldc, va, vb, overwrite, c7a, c7b);
        Store(c + 8 * ldc, va, vb, overwrite, c8a, c8b);
        Store(c + 9 * ldc, va, vb, overwrite, c9a, c9b);
        Store(c + 10 * ldc, va, vb, overwrite, c10a, c10b);
        Store(c + 11 * ldc, va, vb, overwrite, c11a, c11b);
    }

    // alpha·acc + beta·C as two products and a sum, never fused: the scalar edge path in
    // GemmMacroKernel computes the same expression, so a C element's bits do not depend on
    // whether it fell in a full tile or an edge tile.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* c, Vector512<float> alpha, Vector512<float> beta, bool overwrite,
        Vector512<float> x0, Vector512<float> x1)
    {
        if (overwrite)
        {
            Vector512.Store(alpha * x0, c);
            Vector512.Store(alpha * x1, c + 16);
        }
        else
        {
            Vector512.Store(alpha * x0 + beta * Vector512.Load(c), c);
            Vector512.Store(alpha * x1 + beta * Vector512.Load(c + 16), c + 16);
        }
    }
}
