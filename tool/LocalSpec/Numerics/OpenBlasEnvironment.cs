using System.Runtime.Intrinsics.X86;

namespace LocalSpec.Numerics;

/// <summary>
/// Environment OpenBLAS reads in its load-time constructor. OpenBLAS 0.3.21 does not recognise
/// recent CPUs (e.g. Sapphire Rapids, Zen 4/5) and falls back to its slow generic kernels;
/// naming the core type restores the AVX-512 (SkylakeX) or AVX2 (Haswell) kernels
/// (ARCHITECTURE.md, "Native and data dependencies"). A value the user set is never overridden.
/// </summary>
internal static class OpenBlasEnvironment
{
    public const string CoreTypeVariable = "OPENBLAS_CORETYPE";
    public const string ThreadsVariable = "OPENBLAS_NUM_THREADS";
    public const string ThreadTimeoutVariable = "OPENBLAS_THREAD_TIMEOUT";

    /// <summary>
    /// log2 of the timestamp-counter ticks an idle OpenBLAS worker spins (calling sched_yield)
    /// before it sleeps. OpenBLAS's default, 28, is about 0.1 s: after every threaded GEMM its
    /// workers occupy cores that the managed Parallel.For code between GEMMs needs (measured on
    /// the lesion engine's per-example work). 2^20 ticks (≈ 0.3 ms) still spans the gaps between
    /// the GEMMs of one training step.
    /// </summary>
    public const int ThreadTimeout = 20;

    private static readonly Lazy<(string? Value, string How)> s_coreType =
        new(DecideCoreType, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// Sets OPENBLAS_CORETYPE for native code if it is unset (once per process); call before
    /// the library is loaded. Returns how the value now in force was decided, for the description.
    /// </summary>
    public static string PrepareCoreType()
    {
        (string? decided, string how) = s_coreType.Value;
        string? now = NativeEnvironment.Get(CoreTypeVariable);
        return now == decided ? how : string.IsNullOrEmpty(now) ? $"{CoreTypeVariable} unset" : $"{CoreTypeVariable}={now} from the environment";
    }

    /// <summary>Sets OPENBLAS_THREAD_TIMEOUT to <see cref="ThreadTimeout"/> for native code if it is unset; call before the library is loaded.</summary>
    public static void PrepareThreadTimeout() =>
        DecideThreadTimeout(NativeEnvironment.Get, NativeEnvironment.IsAvailable ? NativeEnvironment.Set : null);

    /// <summary>Keeps a value already in <paramref name="get"/>'s environment, else sets <see cref="ThreadTimeout"/> through <paramref name="set"/>.</summary>
    internal static void DecideThreadTimeout(Func<string, string?> get, Action<string, string>? set)
    {
        if (string.IsNullOrEmpty(get(ThreadTimeoutVariable)))
            set?.Invoke(ThreadTimeoutVariable, ThreadTimeout.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The core type to request for a CPU, or null to let OpenBLAS detect it.</summary>
    public static string? ChooseCoreType(bool avx512, bool avx2) => avx512 ? "SkylakeX" : avx2 ? "Haswell" : null;

    /// <summary>Threads to ask for after loading: null when OPENBLAS_NUM_THREADS is set (OpenBLAS honours it itself).</summary>
    public static int? ThreadsToSet() =>
        string.IsNullOrEmpty(NativeEnvironment.Get(ThreadsVariable)) ? Environment.ProcessorCount : null;

    private static (string?, string) DecideCoreType()
    {
        string how = DecideCoreType(NativeEnvironment.Get, NativeEnvironment.IsAvailable ? NativeEnvironment.Set : null,
            Avx512F.IsSupported, Avx2.IsSupported && Fma.IsSupported);
        return (NativeEnvironment.Get(CoreTypeVariable), how);
    }

    /// <summary>Keeps a value already in <paramref name="get"/>'s environment, else sets the CPU's choice through <paramref name="set"/>.</summary>
    internal static string DecideCoreType(Func<string, string?> get, Action<string, string>? set, bool avx512, bool avx2)
    {
        string? existing = get(CoreTypeVariable);
        if (!string.IsNullOrEmpty(existing))
            return $"{CoreTypeVariable}={existing} from the environment";
        string? chosen = ChooseCoreType(avx512, avx2);
        if (chosen is null)
            return $"{CoreTypeVariable} unset (no AVX2: OpenBLAS detects the core)";
        if (set is null)
            return $"{CoreTypeVariable} not set (no C environment on this OS)";
        set(CoreTypeVariable, chosen);
        return $"{CoreTypeVariable}={chosen} set by LocalSpec ({(avx512 ? "AVX-512" : "AVX2")} CPU)";
    }
}
