using LocalSpec.Numerics;

namespace LocalSpec.Tests.Numerics;

/// <summary>Independent checks of eigenpairs: residuals against the matrix, orthonormality, test matrices.</summary>
internal static class EigenChecks
{
    /// <summary>max_i ‖A x_i − λ_i x_i‖ for A [N, N] dense.</summary>
    public static double MaxResidual(double[] a, SymmetricEigenPairs pairs)
    {
        int n = pairs.Size;
        double worst = 0;
        for (int r = 0; r < pairs.Count; r++)
        {
            ReadOnlySpan<double> x = pairs.Vector(r);
            double sum = 0;
            for (int i = 0; i < n; i++)
            {
                double ax = 0;
                for (int j = 0; j < n; j++) ax += a[i * n + j] * x[j];
                double d = ax - pairs.Values[r] * x[i];
                sum += d * d;
            }
            worst = Math.Max(worst, Math.Sqrt(sum));
        }
        return worst;
    }

    /// <summary>max |XXᵀ − I| over the pairs' vectors.</summary>
    public static double MaxOrthogonalityError(SymmetricEigenPairs pairs)
    {
        double worst = 0;
        for (int r = 0; r < pairs.Count; r++)
            for (int s = 0; s <= r; s++)
            {
                double dot = 0;
                ReadOnlySpan<double> x = pairs.Vector(r), y = pairs.Vector(s);
                for (int i = 0; i < pairs.Size; i++) dot += x[i] * y[i];
                worst = Math.Max(worst, Math.Abs(dot - (r == s ? 1 : 0)));
            }
        return worst;
    }

    public static double FrobeniusNorm(double[] a) => Math.Sqrt(a.Sum(x => x * x));

    /// <summary>Symmetric [N, N] with entries uniform on [−1, 1].</summary>
    public static double[] RandomSymmetric(int n, ulong seed)
    {
        var rng = new Rng(seed);
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++)
                a[i * n + j] = a[j * n + i] = 2 * rng.NextDouble() - 1;
        return a;
    }

    /// <summary>Q diag(values) Qᵀ with Q a random orthogonal matrix (Gram–Schmidt on Gaussian columns).</summary>
    public static double[] WithSpectrum(double[] values, ulong seed)
    {
        int n = values.Length;
        var rng = new Rng(seed);
        var q = new double[n * n]; // rows are the orthonormal vectors
        for (int r = 0; r < n; r++)
        {
            for (int i = 0; i < n; i++) q[r * n + i] = rng.NextGaussian();
            for (int pass = 0; pass < 2; pass++)
                for (int s = 0; s < r; s++)
                {
                    double dot = 0;
                    for (int i = 0; i < n; i++) dot += q[r * n + i] * q[s * n + i];
                    for (int i = 0; i < n; i++) q[r * n + i] -= dot * q[s * n + i];
                }
            double norm = Math.Sqrt(Enumerable.Range(0, n).Sum(i => q[r * n + i] * q[r * n + i]));
            for (int i = 0; i < n; i++) q[r * n + i] /= norm;
        }
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int r = 0; r < n; r++) s += q[r * n + i] * values[r] * q[r * n + j];
                a[i * n + j] = s;
            }
        for (int i = 0; i < n; i++)
            for (int j = 0; j < i; j++)
                a[j * n + i] = a[i * n + j];
        return a;
    }

    /// <summary>MathNet's eigenvalues of a dense symmetric matrix, ascending (an independent library).</summary>
    public static double[] MathNetEigenvalues(double[] a, int n)
    {
        var m = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(n, n, (i, j) => a[i * n + j]);
        var evd = m.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
        return evd.EigenValues.Select(c => c.Real).OrderBy(x => x).ToArray();
    }

    /// <summary>y = A x for a dense matrix, as an operator.</summary>
    public sealed class DenseOperator(double[] a, int n) : ISymmetricOperator
    {
        public int Products { get; private set; }

        public int Size => n;

        public void Apply(ReadOnlySpan<double> x, Span<double> y)
        {
            Products++;
            for (int i = 0; i < n; i++)
            {
                double s = 0;
                for (int j = 0; j < n; j++) s += a[i * n + j] * x[j];
                y[i] = s;
            }
        }
    }
}
