namespace LocalSpec.Numerics;

/// <summary>Whether a GEMM operand is used as stored or transposed.</summary>
public enum Transpose
{
    No,
    Yes,
}

/// <summary>
/// The BLAS seam: every dense matrix product in LocalSpec goes through one of these.
/// All matrices are row-major (C order), like numpy and PyTorch.
/// </summary>
public interface IBlas
{
    /// <summary>Human-readable provider name and kernel, printed when a command starts.</summary>
    string Description { get; }

    /// <summary>
    /// C[M,N] = alpha · op(A)[M,K] · op(B)[K,N] + beta · C[M,N], row-major.
    /// op(A) is A[M,K] (lda ≥ K) when <paramref name="transA"/> is No, else A is stored [K,M] (lda ≥ M).
    /// op(B) is B[K,N] (ldb ≥ N) when <paramref name="transB"/> is No, else B is stored [N,K] (ldb ≥ K).
    /// When beta is 0, C is overwritten (NaNs in C do not propagate).
    /// </summary>
    void Sgemm(Transpose transA, Transpose transB, int m, int n, int k,
        float alpha, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb,
        float beta, Span<float> c, int ldc);
}
