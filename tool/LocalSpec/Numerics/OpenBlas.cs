using System.Runtime.InteropServices;

namespace LocalSpec.Numerics;

/// <summary>
/// OpenBLAS's cblas_sgemm through a function pointer into a library loaded by path (see
/// <see cref="OpenBlasLocator"/>). Every product goes to OpenBLAS: measured on Zen 5 from 4³ to
/// 1024³, it beat <see cref="ManagedBlas"/> at every size (4³: 35 vs 150 ns; 64×10×100: 110 vs
/// 22 GFLOP/s), so there is no small-product crossover to route around.
/// </summary>
public sealed unsafe class OpenBlas : IBlas
{
    private const int CblasRowMajor = 101, CblasNoTrans = 111, CblasTrans = 112;

    private readonly delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void> _sgemm;
    private readonly delegate* unmanaged<int> _getNumThreads;
    private readonly delegate* unmanaged<int, void> _setNumThreads;

    private OpenBlas(nint library, string path, string origin, string coreType)
    {
        _sgemm = (delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void>)
            NativeLibrary.GetExport(library, "cblas_sgemm");
        _getNumThreads = (delegate* unmanaged<int>)OptionalExport(library, "openblas_get_num_threads");
        _setNumThreads = (delegate* unmanaged<int, void>)OptionalExport(library, "openblas_set_num_threads");
        Config = CString(library, "openblas_get_config");
        CoreName = CString(library, "openblas_get_corename");
        (Path, Origin, CoreTypeSetting) = (LoadedLibrary.FileContaining((nint)_sgemm) ?? path, origin, coreType);
    }

    /// <summary>The library file that was loaded (the soname asked for, where the mapping cannot be read).</summary>
    public string Path { get; }

    /// <summary>Which route found it: environment variable, system, cache, or acquisition.</summary>
    public string Origin { get; }

    /// <summary>openblas_get_config(), e.g. "OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64".</summary>
    public string? Config { get; }

    /// <summary>openblas_get_corename(): the kernel family in use, e.g. "SkylakeX".</summary>
    public string? CoreName { get; }

    /// <summary>How OPENBLAS_CORETYPE was decided before loading.</summary>
    public string CoreTypeSetting { get; }

    /// <summary>openblas_get_num_threads(), or null when the library does not export it.</summary>
    public int? Threads => _getNumThreads == null ? null : _getNumThreads();

    public string Description
    {
        get
        {
            string config = Config ?? "OpenBLAS (no openblas_get_config)";
            string[] words = config.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
            string head = words.Length == 3 ? $"{words[0]} {words[1]} ({words[2]})" : config;
            string threads = Threads is int t ? $"{t} thread{(t == 1 ? "" : "s")}" : "threads unknown";
            return $"{head} kernel {CoreName ?? "unknown"}, {threads}, {CoreTypeSetting}, from {Path} ({Origin})";
        }
    }

    /// <summary>
    /// Loads OpenBLAS from <paramref name="path"/> after the libraries in <paramref name="preload"/>
    /// (e.g. a libgfortran.so.5 that the system lacks), setting OPENBLAS_CORETYPE and
    /// OPENBLAS_THREAD_TIMEOUT first (where unset).
    /// </summary>
    /// <exception cref="DllNotFoundException">The file cannot be loaded.</exception>
    /// <exception cref="EntryPointNotFoundException">It has no cblas_sgemm.</exception>
    public static OpenBlas Load(string path, IReadOnlyList<string> preload, string origin)
    {
        string coreType = OpenBlasEnvironment.PrepareCoreType();
        OpenBlasEnvironment.PrepareThreadTimeout();
        foreach (string dependency in preload) NativeLibrary.Load(dependency);
        nint library = NativeLibrary.Load(path);
        var blas = new OpenBlas(library, path, origin, coreType);
        if (OpenBlasEnvironment.ThreadsToSet() is int threads && blas._setNumThreads != null)
            blas._setNumThreads(threads);
        return blas;
    }

    public void Sgemm(Transpose transA, Transpose transB, int m, int n, int k,
        float alpha, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb,
        float beta, Span<float> c, int ldc)
    {
        GemmShape.Validate(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        if (m == 0 || n == 0) return;
        fixed (float* pa = a, pb = b, pc = c)
        {
            _sgemm(CblasRowMajor, transA == Transpose.No ? CblasNoTrans : CblasTrans,
                transB == Transpose.No ? CblasNoTrans : CblasTrans,
                m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
        }
    }

    private static nint OptionalExport(nint library, string name) =>
        NativeLibrary.TryGetExport(library, name, out nint address) ? address : 0;

    private static string? CString(nint library, string function)
    {
        nint address = OptionalExport(library, function);
        return address == 0 ? null : Marshal.PtrToStringUTF8((nint)((delegate* unmanaged<byte*>)address)())?.Trim();
    }
}
