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
