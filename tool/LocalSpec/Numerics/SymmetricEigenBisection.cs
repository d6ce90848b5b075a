namespace LocalSpec.Numerics;

/// <summary>
/// Selected eigenpairs of a symmetric tridiagonal matrix: eigenvalues by Sturm-sequence
/// bisection (LAPACK dstebz), eigenvectors by inverse iteration with reorthogonalization inside
/// clusters of close eigenvalues (LAPACK dstein). O(N) per eigenvalue step and O(N·K) for the
/// vectors, against O(N²) per vector for QL: the choice when K ≪ N.
/// </summary>
internal static class SymmetricEigenBisection
{
    private const int InverseIterations = 3;
    private const double SmallestNormal = 2.2250738585072014e-308;

    /// <summary>Eigenvalues with ascending indices first .. first + count − 1 (d [N], e [N], e[i] = T[i, i+1]).</summary>
    public static double[] Eigenvalues(double[] d, double[] e, int n, int first, int count)
    {
        var e2 = new double[n];
        double norm = 0, low = double.PositiveInfinity, high = double.NegativeInfinity, maxE2 = 0;
        for (int i = 0; i < n; i++)
        {
            double left = i > 0 ? Math.Abs(e[i - 1]) : 0, right = i < n - 1 ? Math.Abs(e[i]) : 0;
            if (i < n - 1) e2[i] = e[i] * e[i];
            maxE2 = Math.Max(maxE2, e2[i]);
            low = Math.Min(low, d[i] - left - right);
            high = Math.Max(high, d[i] + left + right);
            norm = Math.Max(norm, Math.Abs(d[i]) + left + right);
        }
        double pivmin = SmallestNormal * Math.Max(1, maxE2);
        double eps = Math.Pow(2, -52);
        double atol = 2 * eps * norm;
        low -= atol + 2 * pivmin;
        high += atol + 2 * pivmin;
        var values = new double[count];
        for (int t = 0; t < count; t++)
        {
            double lo = t > 0 ? Math.Max(low, values[t - 1] - atol) : low, hi = high;
            for (int iteration = 0; iteration < 200 && hi - lo > Math.Max(atol, 2 * eps * Math.Max(Math.Abs(lo), Math.Abs(hi))); iteration++)
            {
                double mid = 0.5 * (lo + hi);
                if (CountBelow(d, e2, n, mid, pivmin) > first + t) hi = mid;
                else lo = mid;
            }
            values[t] = 0.5 * (lo + hi);
        }
        return values;
    }

    /// <summary>The number of eigenvalues below x: the negative pivots of LDLᵀ = T − xI.</summary>
    private static int CountBelow(double[] d, double[] e2, int n, double x, double pivmin)
    {
        int count = 0;
        double q = 1;
        for (int i = 0; i < n; i++)
        {
            q = d[i] - x - (i > 0 ? e2[i - 1] / q : 0);
            if (Math.Abs(q) < pivmin) q = -pivmin;
            if (q < 0) count++;
        }
        return count;
    }

    /// <summary>
    /// Unit eigenvectors [K, N] for the ascending eigenvalues <paramref name="values"/>; the
    /// start vectors come from <paramref name="rng"/>.
    /// </summary>
    public static double[] Eigenvectors(double[] d, double[] e, int n, double[] values, Rng rng)
    {
        int k = values.Length;
        var z = new double[k * n];
        double norm = 0;
        for (int i = 0; i < n; i++)
            norm = Math.Max(norm, Math.Abs(d[i]) + (i > 0 ? Math.Abs(e[i - 1]) : 0) + (i < n - 1 ? Math.Abs(e[i]) : 0));
        double eps = Math.Pow(2, -52);
        double clusterGap = norm > 0 ? 1e-3 * norm : double.PositiveInfinity, tiny = norm > 0 ? eps * norm : 1;
        var lu = new TridiagonalLu(n);
        int clusterStart = 0;
        double shift = 0;
        for (int j = 0; j < k; j++)
        {
            double previous = shift;
            shift = values[j];
            if (j > 0 && shift - values[j - 1] > clusterGap) clusterStart = j;
            // Equal eigenvalues get slightly separated shifts so that each solve favours a new direction (dstein).
            if (j > clusterStart && shift - previous < 10 * eps * Math.Abs(shift)) shift = previous + 10 * eps * Math.Max(Math.Abs(shift), tiny);
            lu.Factor(d, e, shift, tiny);
            Span<double> x = z.AsSpan(j * n, n);
            for (int i = 0; i < n; i++) x[i] = 2 * rng.NextDouble() - 1;
            for (int iteration = 0; iteration < InverseIterations; iteration++)
            {
                SymmetricEigenVectors.Scale(1 / SymmetricEigenVectors.Norm(x), x);
                lu.Solve(x);
                for (int pass = 0; pass < 2; pass++)
                    for (int c = clusterStart; c < j; c++)
                    {
                        ReadOnlySpan<double> other = z.AsSpan(c * n, n);
                        SymmetricEigenVectors.Axpy(-SymmetricEigenVectors.Dot(other, x), other, x);
                    }
            }
            SymmetricEigenVectors.Scale(1 / SymmetricEigenVectors.Norm(x), x);
        }
        return z;
    }

    /// <summary>
    /// T − λI = P L U for tridiagonal T with partial pivoting (LAPACK dgttrf): U has two
    /// super-diagonals. Pivots smaller than <c>tiny</c> are replaced by it, as inverse iteration
    /// wants a nearly singular system, not a failed one.
    /// </summary>
    private sealed class TridiagonalLu(int n)
    {
        private readonly double[] _lower = new double[n], _diag = new double[n], _upper = new double[n], _upper2 = new double[n];
        private readonly bool[] _swapped = new bool[n];

        public void Factor(double[] d, double[] e, double lambda, double tiny)
        {
            for (int i = 0; i < n; i++)
            {
                _diag[i] = d[i] - lambda;
                _lower[i] = i < n - 1 ? e[i] : 0;
                _upper[i] = i < n - 1 ? e[i] : 0;
                _upper2[i] = 0;
            }
            for (int i = 0; i < n - 1; i++)
            {
                if (Math.Abs(_diag[i]) >= Math.Abs(_lower[i]))
                {
                    _swapped[i] = false;
                    if (Math.Abs(_diag[i]) < tiny) _diag[i] = tiny;
                    double factor = _lower[i] / _diag[i];
                    _lower[i] = factor;
                    _diag[i + 1] -= factor * _upper[i];
                }
                else
                {
                    _swapped[i] = true;
                    double factor = _diag[i] / _lower[i];
                    _diag[i] = _lower[i];
                    _lower[i] = factor;
                    double temp = _upper[i];
                    _upper[i] = _diag[i + 1];
                    _diag[i + 1] = temp - factor * _diag[i + 1];
                    if (i < n - 2)
                    {
                        _upper2[i] = _upper[i + 1];
                        _upper[i + 1] = -factor * _upper[i + 1];
                    }
                }
            }
            if (Math.Abs(_diag[n - 1]) < tiny) _diag[n - 1] = tiny;
        }

        /// <summary>x ← (T − λI)⁻¹ x.</summary>
        public void Solve(Span<double> x)
        {
            for (int i = 0; i < n - 1; i++)
            {
                if (_swapped[i]) (x[i], x[i + 1]) = (x[i + 1], x[i]);
                x[i + 1] -= _lower[i] * x[i];
            }
            x[n - 1] /= _diag[n - 1];
            if (n >= 2) x[n - 2] = (x[n - 2] - _upper[n - 2] * x[n - 1]) / _diag[n - 2];
            for (int i = n - 3; i >= 0; i--)
                x[i] = (x[i] - _upper[i] * x[i + 1] - _upper2[i] * x[i + 2]) / _diag[i];
        }
    }
}
