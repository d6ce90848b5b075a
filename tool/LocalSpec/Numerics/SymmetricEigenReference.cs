namespace LocalSpec.Numerics;

/// <summary>
/// Cyclic Jacobi rotations until the off-diagonal part vanishes: slow (O(N³) per sweep) and
/// obviously correct, the test oracle for <see cref="SymmetricEigen"/> and <see cref="Lanczos"/>.
/// </summary>
public static class SymmetricEigenReference
{
    private const int MaxSweeps = 100;

    /// <summary>Every eigenpair of A [N, N] (lower triangle read), ascending, canonical signs.</summary>
    public static SymmetricEigenPairs Jacobi(ReadOnlySpan<double> a, int n)
    {
        var m = new double[n * n];
        var v = new double[n * n]; // columns are eigenvectors
        for (int i = 0; i < n; i++)
        {
            v[i * n + i] = 1;
            for (int j = 0; j <= i; j++) m[i * n + j] = m[j * n + i] = a[i * n + j];
        }
        double total = 0;
        foreach (double x in m) total += x * x;
        for (int sweep = 0; sweep < MaxSweeps && OffDiagonal(m, n) > 1e-30 * total; sweep++)
            for (int p = 0; p < n - 1; p++)
                for (int q = p + 1; q < n; q++)
                    Rotate(m, v, n, p, q);
        var order = Enumerable.Range(0, n).OrderBy(i => m[i * n + i]).ToArray();
        var values = order.Select(i => m[i * n + i]).ToArray();
        var vectors = new double[n * n];
        for (int r = 0; r < n; r++)
            for (int i = 0; i < n; i++) vectors[r * n + i] = v[i * n + order[r]];
        SymmetricEigen.CanonicalSigns(vectors, n);
        return new SymmetricEigenPairs(values, vectors, n);
    }

    private static double OffDiagonal(double[] m, int n)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (i != j) s += m[i * n + j] * m[i * n + j];
        return s;
    }

    /// <summary>Zeroes m[p, q] by the rotation J(p, q, θ): M ← JᵀMJ, V ← VJ (Golub–Van Loan 8.5.2).</summary>
    private static void Rotate(double[] m, double[] v, int n, int p, int q)
    {
        double apq = m[p * n + q];
        if (apq == 0) return;
        double tau = (m[q * n + q] - m[p * n + p]) / (2 * apq);
        double t = Math.Sign(tau == 0 ? 1 : tau) / (Math.Abs(tau) + Math.Sqrt(1 + tau * tau));
        double c = 1 / Math.Sqrt(1 + t * t), s = t * c;
        for (int k = 0; k < n; k++)
        {
            double mkp = m[k * n + p], mkq = m[k * n + q];
            m[k * n + p] = c * mkp - s * mkq;
            m[k * n + q] = s * mkp + c * mkq;
        }
        for (int k = 0; k < n; k++)
        {
            double mpk = m[p * n + k], mqk = m[q * n + k];
            m[p * n + k] = c * mpk - s * mqk;
            m[q * n + k] = s * mpk + c * mqk;
        }
        for (int k = 0; k < n; k++)
        {
            double vkp = v[k * n + p], vkq = v[k * n + q];
            v[k * n + p] = c * vkp - s * vkq;
            v[k * n + q] = s * vkp + c * vkq;
        }
    }
}
