using LocalSpec.Numerics;
using Xunit;

namespace LocalSpec.Tests.Numerics;

/// <summary>
/// Checks an <see cref="IBlas"/> against <see cref="ReferenceBlas"/> on random row-major operands
/// stored with leading dimensions larger than needed. Padding of A and B holds NaN (a provider
/// that reads it fails), padding of C a sentinel (a provider that writes it fails), and with
/// beta = 0 the live part of C starts as NaN (it must be overwritten, not scaled).
/// </summary>
internal static class GemmOracle
{
    private const float Sentinel = 12345.5f;
    private const double UnitRoundoff = 1.0 / (1 << 24);

    public static void AssertMatchesReference(IBlas blas, Transpose transA, Transpose transB, int m, int n, int k,
        float alpha, float beta, int pad, ulong seed = 1)
    {
        var rng = new Rng(seed);
        (int aRows, int aCols) = transA == Transpose.No ? (m, k) : (k, m);
        (int bRows, int bCols) = transB == Transpose.No ? (k, n) : (n, k);
        int lda = aCols + pad, ldb = bCols + pad, ldc = n + pad;
        float[] a = Matrix(rng, aRows, aCols, lda, float.NaN);
        float[] b = Matrix(rng, bRows, bCols, ldb, float.NaN);
        float[] c0 = Matrix(rng, m, n, ldc, Sentinel);
        if (beta == 0f) Fill(c0, m, n, ldc, float.NaN);

        float[] expected = (float[])c0.Clone(), actual = (float[])c0.Clone();
        ReferenceBlas.Instance.Sgemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, expected, ldc);
        blas.Sgemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, actual, ldc);

        // Floating-point summation of k products: |error| ≤ γ·Σ|a||b| with γ ≈ k·u (Higham,
        // "Accuracy and Stability of Numerical Algorithms", §3.1); doubled, plus the scaling terms.
        double gamma = 2 * (k + 3) * UnitRoundoff;
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double magnitude = 0;
                for (int p = 0; p < k; p++)
                {
                    float av = transA == Transpose.No ? a[i * lda + p] : a[p * lda + i];
                    float bv = transB == Transpose.No ? b[p * ldb + j] : b[j * ldb + p];
                    magnitude += Math.Abs((double)av * bv);
                }
                float want = expected[i * ldc + j], got = actual[i * ldc + j];
                double prior = beta == 0f ? 0 : Math.Abs((double)beta * c0[i * ldc + j]);
                double bound = gamma * (Math.Abs(alpha) * magnitude + prior + Math.Abs(want)) + 1e-30;
                if (!(Math.Abs((double)got - want) <= bound))
                    Assert.Fail($"{blas.GetType().Name} {transA}/{transB} M={m} N={n} K={k} alpha={alpha} beta={beta}: " +
                        $"C[{i},{j}] = {got}, reference {want}, allowed error {bound:G3}");
            }
            for (int j = n; j < ldc && i * ldc + j < actual.Length; j++)
                Assert.True(actual[i * ldc + j] == Sentinel, $"C padding at [{i},{j}] was written");
        }
    }

    /// <summary>rows × cols random values in [-1, 1) stored with leading dimension ld ≥ cols; the rest is <paramref name="padding"/>.</summary>
    public static float[] Matrix(Rng rng, int rows, int cols, int ld, float padding)
    {
        var data = new float[Math.Max(1, rows * ld)];
        Array.Fill(data, padding);
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                data[i * ld + j] = 2 * rng.NextSingle() - 1;
        return data;
    }

    private static void Fill(float[] data, int rows, int cols, int ld, float value)
    {
        for (int i = 0; i < rows; i++) data.AsSpan(i * ld, cols).Fill(value);
    }
}
