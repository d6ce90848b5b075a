namespace LocalSpec.Numerics;

/// <summary>
/// Fast managed SGEMM, the provider that is always available: cache-blocked with packed panels,
/// a SIMD FMA register tile (AVX-512 12×32, AVX2 6×16, or scalar), and a fixed parallel
/// partition over C's tiles. Results are bit-identical for any thread count (see
/// <see cref="ManagedGemmCall"/>).
/// </summary>
public sealed unsafe class ManagedBlas : IBlas
{
    /// <summary>Below this many flops (2·M·N·K) one thread is faster than waking others (measured: ~64³).</summary>
    internal const long ParallelFlops = 2L * 64 * 64 * 64;

    public static readonly ManagedBlas Instance = new();

    private readonly GemmKernelKind _kernel;
    private readonly GemmBlocking _blocking;
    private readonly string? _note;

    /// <param name="threads">Worker threads; 0 means one per core.</param>
    /// <param name="note">Appended to <see cref="Description"/>, e.g. why this provider was chosen.</param>
    public ManagedBlas(int threads = 0, string? note = null)
        : this(GemmKernelKinds.Best, GemmBlocking.Default, threads, note) { }

    internal ManagedBlas(GemmKernelKind kernel, GemmBlocking blocking, int threads = 0, string? note = null)
    {
        if (!GemmKernelKinds.IsSupported(kernel))
            throw new PlatformNotSupportedException($"This CPU cannot run the {GemmKernelKinds.Name(kernel)} GEMM kernel.");
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        blocking.Validate(GemmKernelKinds.Mr(kernel), GemmKernelKinds.Nr(kernel));
        (_kernel, _blocking, _note) = (kernel, blocking, note);
        Threads = threads == 0 ? Environment.ProcessorCount : threads;
    }

    public int Threads { get; }

    internal GemmKernelKind Kernel => _kernel;

    public string Description =>
        $"managed SGEMM ({GemmKernelKinds.Name(_kernel)} {GemmKernelKinds.Mr(_kernel)}x{GemmKernelKinds.Nr(_kernel)} tile, " +
        $"{Threads} thread{(Threads == 1 ? "" : "s")})" + (_note is null ? "" : $"; {_note}");

    public void Sgemm(Transpose transA, Transpose transB, int m, int n, int k,
        float alpha, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb,
        float beta, Span<float> c, int ldc)
    {
        GemmShape.Validate(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        if (m == 0 || n == 0) return;
        if (k == 0 || alpha == 0f)
        {
            ScaleC(m, n, beta, c, ldc); // BLAS: A and B are not read when alpha is 0
            return;
        }
        fixed (float* pa = a, pb = b, pc = c)
        {
            var call = new ManagedGemmCall(transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc, _kernel, _blocking);
            call.Run(2L * m * n * k < ParallelFlops ? 1 : Threads);
        }
    }

    // C[M,N] = beta · C, with beta == 0 overwriting.
    private static void ScaleC(int m, int n, float beta, Span<float> c, int ldc)
    {
        for (int i = 0; i < m; i++)
        {
            Span<float> row = c.Slice(i * ldc, n);
            if (beta == 0f) row.Clear();
            else if (beta != 1f) System.Numerics.Tensors.TensorPrimitives.Multiply(row, beta, row);
        }
    }
}
