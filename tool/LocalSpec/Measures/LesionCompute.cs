using LocalSpec.Nn;
using LocalSpec.Numerics;

namespace LocalSpec.Measures;

/// <summary>
/// How the fast path's steps run: the GEMM provider and whether loops over channels, planes and
/// rows fan out. The fast path runs many independent batches at once, one per worker, each with
/// <see cref="Worker"/>: serial loops and a one-thread GEMM, so no BLAS thread pool is woken or
/// left spinning between the GEMMs and the managed loops around them.
/// </summary>
internal sealed class LesionCompute
{
    private readonly bool _parallel;

    private LesionCompute(IBlas blas, bool parallel)
    {
        Blas = blas;
        _parallel = parallel;
    }

    /// <summary>One worker of many: the managed SGEMM on the calling thread, serial loops.</summary>
    public static LesionCompute Worker { get; } = new(new ManagedBlas(threads: 1, note: "one lesion worker"), false);

    /// <summary>The whole machine for one batch: the process's BLAS and parallel loops.</summary>
    public static LesionCompute Shared => new(Numerics.Blas.Current, true);

    public IBlas Blas { get; }

    /// <summary>C[m, n] = (accumulate ? C : 0) + alpha · A[m, k] · B[k, n] (row-major spans, given strides).</summary>
    public unsafe void Product(int m, int n, int k, float alpha, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, bool accumulate, Span<float> c, int ldc)
    {
        if (k == 0)
        {
            // an empty product (an empty lesion): C keeps its values or becomes 0
            if (!accumulate) for (int r = 0; r < m; r++) c.Slice(r * ldc, n).Clear();
            return;
        }
        if (_parallel)
        {
            Blas.Sgemm(Transpose.No, Transpose.No, m, n, k, alpha, a, lda, b, ldb, accumulate ? 1f : 0f, c, ldc);
            return;
        }
        GemmShape.Validate(Transpose.No, Transpose.No, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        fixed (float* pa = a, pb = b, pc = c)
            LesionKernels.Product(m, n, k, alpha, pa, lda, pb, ldb, accumulate, pc, ldc);
    }

    public void For(int count, long workPerItem, Action<int> body)
    {
        if (_parallel)
        {
            Parallelism.For(count, workPerItem, body);
            return;
        }
        for (int i = 0; i < count; i++) body(i);
    }
}
