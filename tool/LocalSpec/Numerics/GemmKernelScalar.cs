namespace LocalSpec.Numerics;

/// <summary>
/// Portable register tile for CPUs without AVX2: C[4,4] = alpha · Ap[4,kc] · Bp[kc,4] + beta · C,
/// with Ap packed [kc][4] and Bp packed [kc][4].
/// </summary>
internal static unsafe class GemmKernelScalar
{
    public const int Mr = 4;
    public const int Nr = 4;

    /// <summary>beta == 0 overwrites C (BLAS convention: C is not read, NaNs in it vanish).</summary>
    public static void Run(int kc, float* a, float* b, float* c, int ldc, float alpha, float beta)
    {
        float* acc = stackalloc float[Mr * Nr];
        new Span<float>(acc, Mr * Nr).Clear();
        for (int p = 0; p < kc; p++)
        {
            for (int r = 0; r < Mr; r++)
            {
                float ar = a[r];
                for (int j = 0; j < Nr; j++) acc[r * Nr + j] += ar * b[j];
            }
            a += Mr;
            b += Nr;
        }
        for (int r = 0; r < Mr; r++)
        {
            for (int j = 0; j < Nr; j++)
            {
                float* cij = c + r * ldc + j;
                *cij = beta == 0f ? alpha * acc[r * Nr + j] : alpha * acc[r * Nr + j] + beta * *cij;
            }
        }
    }
}
