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
