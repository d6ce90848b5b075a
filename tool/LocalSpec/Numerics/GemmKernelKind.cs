using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LocalSpec.Numerics;

/// <summary>The register-tile micro-kernels <see cref="ManagedBlas"/> can run; each fixes the tile MR×NR.</summary>
internal enum GemmKernelKind
{
    /// <summary>Plain scalar code, any CPU. Tile 4×4.</summary>
    Scalar,

    /// <summary>AVX2 + FMA, 16 ymm registers: 12 accumulators. Tile 6×16.</summary>
    Avx2,

    /// <summary>AVX-512F, 32 zmm registers: 24 accumulators. Tile 12×32.</summary>
    Avx512,
}

internal static class GemmKernelKinds
{
    /// <summary>The widest kernel this CPU runs.</summary>
    public static GemmKernelKind Best =>
        Avx512F.IsSupported && Vector512.IsHardwareAccelerated ? GemmKernelKind.Avx512
        : Fma.IsSupported && Avx2.IsSupported ? GemmKernelKind.Avx2
        : GemmKernelKind.Scalar;

    public static bool IsSupported(GemmKernelKind kind) => kind switch
    {
        GemmKernelKind.Avx512 => Avx512F.IsSupported,
        GemmKernelKind.Avx2 => Fma.IsSupported && Avx2.IsSupported,
        _ => true,
    };

    /// <summary>Rows of C per register tile.</summary>
    public static int Mr(GemmKernelKind kind) => kind switch
    {
        GemmKernelKind.Avx512 => GemmKernelAvx512.Mr,
        GemmKernelKind.Avx2 => GemmKernelAvx2.Mr,
        _ => GemmKernelScalar.Mr,
    };

    /// <summary>Columns of C per register tile.</summary>
    public static int Nr(GemmKernelKind kind) => kind switch
    {
        GemmKernelKind.Avx512 => GemmKernelAvx512.Nr,
        GemmKernelKind.Avx2 => GemmKernelAvx2.Nr,
        _ => GemmKernelScalar.Nr,
    };

    public static string Name(GemmKernelKind kind) => kind switch
    {
        GemmKernelKind.Avx512 => "AVX-512 FMA",
        GemmKernelKind.Avx2 => "AVX2 FMA",
        _ => "scalar",
    };
}
