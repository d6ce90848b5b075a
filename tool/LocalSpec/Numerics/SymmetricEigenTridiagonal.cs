namespace LocalSpec.Numerics;

/// <summary>
/// Householder reduction of a symmetric matrix to tridiagonal form, A = Q T Qᵀ with
/// Q = H₀ H₁ ⋯ H_{N−3}, H_j = I − τ_j v_j v_jᵀ (v_j zero up to j, 1 at j + 1): LAPACK's dsytd2
/// on full storage, so that every inner loop is a contiguous row (a dot product or an axpy)
/// whatever the matrix order. Unblocked and in double precision: the only GEMM behind
/// <see cref="Blas.Current"/> is single precision, too coarse for eigenvectors whose
/// eigenvalues are 10⁻⁴ apart (the MLP weight graph's are).
/// </summary>
internal sealed class SymmetricEigenTridiagonal
{
    /// <summary>Below this trailing order the row loops run on the calling thread.</summary>
    private const int ParallelOrder = 160;

    private readonly double[] _reflectors; // [N, N]: row j holds v_j in columns j + 1 .. N − 1
    private readonly double[] _tau;        // [N]

    private SymmetricEigenTridiagonal(int n, double[] reflectors, double[] tau, double[] diagonal, double[] offDiagonal)
    {
        Size = n;
        _reflectors = reflectors;
        _tau = tau;
        Diagonal = diagonal;
        OffDiagonal = offDiagonal;
    }

    public int Size { get; }

    /// <summary>[N]: T's diagonal.</summary>
    public double[] Diagonal { get; }

    /// <summary>[N]: T[i, i + 1] = T[i + 1, i] in entry i; the last entry is 0.</summary>
    public double[] OffDiagonal { get; }

    /// <summary>Reduces A [N, N] (only its lower triangle is read).</summary>
    public static SymmetricEigenTridiagonal Reduce(ReadOnlySpan<double> a, int n)
    {
        var w = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++)
                w[i * n + j] = w[j * n + i] = a[i * n + j];
        var tau = new double[n];
        var d = new double[n];
        var e = new double[n];
        var p = new double[n];
        for (int j = 0; j < n - 2; j++)
        {
            d[j] = w[j * n + j];
            Span<double> v = w.AsSpan(j * n + j + 1, n - j - 1); // row j right of the diagonal = column j below it
            (e[j], tau[j]) = MakeReflector(v);
            if (tau[j] != 0) UpdateTrailing(w, n, j, tau[j], p);
        }
        if (n >= 2)
        {
            d[n - 2] = w[(n - 2) * n + n - 2];
            e[n - 2] = w[(n - 2) * n + n - 1];
        }
        if (n >= 1) d[n - 1] = w[n * n - 1];
        return new SymmetricEigenTridiagonal(n, w, tau, d, e);
    }

    /// <summary>
    /// Overwrites x [M] with v (v₀ = 1) such that (I − τ v vᵀ) x = β e₀; returns (β, τ). LAPACK dlarfg.
    /// </summary>
    private static (double Beta, double Tau) MakeReflector(Span<double> x)
    {
        double alpha = x[0];
        double tailNorm = ScaledNorm(x[1..]);
        if (tailNorm == 0)
        {
            x[0] = 1;
            return (alpha, 0);
        }
        double beta = -Math.CopySign(Hypot(alpha, tailNorm), alpha);
        double tau = (beta - alpha) / beta;
        SymmetricEigenVectors.Scale(1 / (alpha - beta), x[1..]);
        x[0] = 1;
        return (beta, tau);
    }

    /// <summary>
    /// B ← H B H for the trailing block B [M, M] = W[j+1.., j+1..] (M = N − j − 1):
    /// p = τ B v, then p ← p − ½ τ (pᵀv) v, B ← B − v pᵀ − p vᵀ.
    /// </summary>
    private static void UpdateTrailing(double[] w, int n, int j, double tau, double[] p)
    {
        int m = n - j - 1, start = j + 1, vAt = j * n + start;
        RowLoop(m, i => p[i] = tau * SymmetricEigenVectors.Dot(w.AsSpan((start + i) * n + start, m), w.AsSpan(vAt, m)));
        double k = -0.5 * tau * SymmetricEigenVectors.Dot(p.AsSpan(0, m), w.AsSpan(vAt, m));
        SymmetricEigenVectors.Axpy(k, w.AsSpan(vAt, m), p.AsSpan(0, m));
        RowLoop(m, i =>
        {
            Span<double> row = w.AsSpan((start + i) * n + start, m);
            ReadOnlySpan<double> v = w.AsSpan(vAt, m);
            SymmetricEigenVectors.Axpy(-v[i], p.AsSpan(0, m), row);
            SymmetricEigenVectors.Axpy(-p[i], v, row);
        });
    }

    /// <summary>Rows are independent, so a parallel split changes nothing in the result.</summary>
    private static void RowLoop(int m, Action<int> body)
    {
        if (m < ParallelOrder)
        {
            for (int i = 0; i < m; i++) body(i);
            return;
        }
        int chunks = Math.Min(Environment.ProcessorCount * 4, m / 32);
        Parallel.For(0, chunks, c =>
        {
            int from = (int)((long)m * c / chunks), to = (int)((long)m * (c + 1) / chunks);
            for (int i = from; i < to; i++) body(i);
        });
    }

    /// <summary>z_i ← Q z_i for each row of z [K, N]: a vector in T's basis becomes one in A's.</summary>
    public void BackTransform(Span<double> z, int k)
    {
        int n = Size;
        if (z.Length < (long)k * n) throw new ArgumentException($"z has {z.Length} entries, expected {k}×{n}", nameof(z));
        for (int j = n - 3; j >= 0; j--)
        {
            if (_tau[j] == 0) continue;
            ReadOnlySpan<double> v = _reflectors.AsSpan(j * n + j + 1, n - j - 1);
            for (int r = 0; r < k; r++)
            {
                Span<double> x = z.Slice(r * n + j + 1, n - j - 1);
                double s = _tau[j] * SymmetricEigenVectors.Dot(v, x);
                SymmetricEigenVectors.Axpy(-s, v, x);
            }
        }
    }

    /// <summary>‖x‖₂ without undue overflow or underflow (LAPACK dnrm2's scaling, simplified).</summary>
    private static double ScaledNorm(ReadOnlySpan<double> x)
    {
        double scale = 0;
        foreach (double v in x) scale = Math.Max(scale, Math.Abs(v));
        if (scale == 0) return 0;
        double sum = 0;
        foreach (double v in x) sum += v / scale * (v / scale);
        return scale * Math.Sqrt(sum);
    }

    /// <summary>√(a² + b²) without undue overflow or underflow.</summary>
    internal static double Hypot(double a, double b)
    {
        a = Math.Abs(a);
        b = Math.Abs(b);
        double big = Math.Max(a, b), small = Math.Min(a, b);
        if (big == 0) return 0;
        double r = small / big;
        return big * Math.Sqrt(1 + r * r);
    }
}
