using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LocalSpec.Numerics;

/// <summary>
/// AVX2 register tile: C[6,16] = alpha · Ap[6,kc] · Bp[kc,16] + beta · C, with Ap packed [kc][6]
/// and Bp packed [kc][16]. 12 ymm accumulators + 2 B vectors + 1 broadcast fit the 16 registers.
/// </summary>
[SkipLocalsInit]
internal static unsafe class GemmKernelAvx2
{
    public const int Mr = 6;
    public const int Nr = 16;

    /// <summary>beta == 0 overwrites C (BLAS convention: C is not read, NaNs in it vanish).</summary>
    public static void Run(int kc, float* a, float* b, float* c, int ldc, float alpha, float beta)
    {
        Vector256<float> c0a = default, c0b = default, c1a = default, c1b = default, c2a = default, c2b = default, c3a = default, c3b = default, c4a = default, c4b = default, c5a = default, c5b = default;
        for (int p = 0; p < kc; p++)
        {
            Vector256<float> b0 = Vector256.Load(b), b1 = Vector256.Load(b + 8), ar;
            ar = Vector256.Create(a[0]); c0a = Fma.MultiplyAdd(ar, b0, c0a); c0b = Fma.MultiplyAdd(ar, b1, c0b);
            ar = Vector256.Create(a[1]); c1a = Fma.MultiplyAdd(ar, b0, c1a); c1b = Fma.MultiplyAdd(ar, b1, c1b);
            ar = Vector256.Create(a[2]); c2a = Fma.MultiplyAdd(ar, b0, c2a); c2b = Fma.MultiplyAdd(ar, b1, c2b);
            ar = Vector256.Create(a[3]); c3a = Fma.MultiplyAdd(ar, b0, c3a); c3b = Fma.MultiplyAdd(ar, b1, c3b);
            ar = Vector256.Create(a[4]); c4a = Fma.MultiplyAdd(ar, b0, c4a); c4b = Fma.MultiplyAdd(ar, b1, c4b);
            ar = Vector256.Create(a[5]); c5a = Fma.MultiplyAdd(ar, b0, c5a); c5b = Fma.MultiplyAdd(ar, b1, c5b);
            a += Mr;
            b += Nr;
        }
        Vector256<float> va = Vector256.Create(alpha), vb = Vector256.Create(beta);
        bool overwrite = beta == 0f;
        Store(c + 0 * ldc, va, vb, overwrite, c0a, c0b);
        Store(c + 1 * ldc, va, vb, overwrite, c1a, c1b);
        Store(c + 2 * ldc, va, vb, overwrite, c2a, c2b);
        Store(c + 3 * ldc, va, vb, overwrite, c3a, c3b);
        Store(c + 4 * ldc, va, vb, overwrite, c4a, c4b);
        Store(c + 5 * ldc, va, vb, overwrite, c5a, c5b);
    }

    // Same unfused update as GemmKernelAvx512.Store, for the same reason.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* c, Vector256<float> alpha, Vector256<float> beta, bool overwrite,
        Vector256<float> x0, Vector256<float> x1)
    {
        if (overwrite)
        {
            Vector256.Store(alpha * x0, c);
            Vector256.Store(alpha * x1, c + 8);
        }
        else
        {
            Vector256.Store(alpha * x0 + beta * Vector256.Load(c), c);
            Vector256.Store(alpha * x1 + beta * Vector256.Load(c + 8), c + 8);
        }
    }
}
