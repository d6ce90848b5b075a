namespace LocalSpec.Numerics;

/// <summary>
/// Triple-loop GEMM accumulating in double precision: slow, obviously correct, the test oracle
/// for every faster provider.
/// </summary>
public sealed class ReferenceBlas : IBlas
{
    public static readonly ReferenceBlas Instance = new();

    public string Description => "reference (managed triple loop, double accumulation)";

    public void Sgemm(Transpose transA, Transpose transB, int m, int n, int k,
        float alpha, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb,
        float beta, Span<float> c, int ldc)
    {
        GemmShape.Validate(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++)
                {
                    float av = transA == Transpose.No ? a[i * lda + p] : a[p * lda + i];
                    float bv = transB == Transpose.No ? b[p * ldb + j] : b[j * ldb + p];
                    sum += (double)av * bv;
                }
                float prior = beta == 0f ? 0f : beta * c[i * ldc + j];
                c[i * ldc + j] = (float)(alpha * sum) + prior;
            }
        }
    }
}
