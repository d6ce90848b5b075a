using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LocalSpec.Numerics;

/// <summary>
/// The double-precision vector kernels of the eigen-solvers (dot, axpy, scale, norm), compiled
/// fully optimized on first use: through generic TensorPrimitives they stay at tier 0 for the
/// first few hundred milliseconds of a process, which is a whole one-shot partition run.
/// Fixed lane order, so results depend only on the inputs.
/// </summary>
internal static class SymmetricEigenVectors
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length) throw new ArgumentException("lengths differ");
        int i = 0;
        double sum = 0;
        if (Vector256.IsHardwareAccelerated && x.Length >= 8)
        {
            Vector256<double> a0 = Vector256<double>.Zero, a1 = Vector256<double>.Zero;
            for (; i <= x.Length - 8; i += 8)
            {
                a0 = Vector256.FusedMultiplyAdd(Vector256.Create(x.Slice(i, 4)), Vector256.Create(y.Slice(i, 4)), a0);
                a1 = Vector256.FusedMultiplyAdd(Vector256.Create(x.Slice(i + 4, 4)), Vector256.Create(y.Slice(i + 4, 4)), a1);
            }
            sum = Vector256.Sum(a0 + a1);
        }
        for (; i < x.Length; i++) sum += x[i] * y[i];
        return sum;
    }

    /// <summary>y ← y + alpha x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y)
    {
        if (x.Length != y.Length) throw new ArgumentException("lengths differ");
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var a = Vector256.Create(alpha);
            for (; i <= x.Length - 4; i += 4)
                Vector256.FusedMultiplyAdd(a, Vector256.Create(x.Slice(i, 4)), Vector256.Create((ReadOnlySpan<double>)y.Slice(i, 4))).CopyTo(y.Slice(i, 4));
        }
        for (; i < x.Length; i++) y[i] += alpha * x[i];
    }

    /// <summary>x ← alpha x.</summary>
    public static void Scale(double alpha, Span<double> x)
    {
        for (int i = 0; i < x.Length; i++) x[i] *= alpha;
    }

    /// <summary>‖x‖₂ (no scaling against overflow: the solvers' vectors are near unit length).</summary>
    public static double Norm(ReadOnlySpan<double> x) => Math.Sqrt(Dot(x, x));
}
