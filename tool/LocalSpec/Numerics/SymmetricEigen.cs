namespace LocalSpec.Numerics;

/// <summary>
/// Dense symmetric eigen-solver in double precision: Householder tridiagonalization, then the
/// implicit QL method for every pair or bisection and inverse iteration for a few, then the
/// back-transformation of the wanted vectors. O(N³) time and O(N²) memory, whatever K: the
/// solver for small graphs and for the projected matrices of <see cref="Lanczos"/>.
/// Each eigenvector's sign is canonical: its largest-magnitude entry (the first such) is positive.
/// </summary>
public static class SymmetricEigen
{
    /// <summary>Above this share of the spectrum, QL on all pairs is cheaper than inverse iteration.</summary>
    private const double QlShare = 0.25;

    /// <summary>Every eigenpair of A [N, N], ascending. Only A's lower triangle is read.</summary>
    public static SymmetricEigenPairs All(ReadOnlySpan<double> a, int n)
    {
        Validate(a, n);
        var form = SymmetricEigenTridiagonal.Reduce(a, n);
        return Ql(form, 0, n);
    }

    /// <summary>The <paramref name="k"/> algebraically smallest eigenpairs of A [N, N], ascending.</summary>
    public static SymmetricEigenPairs Smallest(ReadOnlySpan<double> a, int n, int k) => Range(a, n, 0, k);

    /// <summary>The <paramref name="k"/> algebraically largest eigenpairs of A [N, N], ascending.</summary>
    public static SymmetricEigenPairs Largest(ReadOnlySpan<double> a, int n, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, n);
        return Range(a, n, n - k, k);
    }

    /// <summary>
    /// The eigenpairs with ascending indices <paramref name="first"/> .. first + count − 1 of
    /// A [N, N] (index 0 = the smallest eigenvalue). Only A's lower triangle is read.
    /// </summary>
    public static SymmetricEigenPairs Range(ReadOnlySpan<double> a, int n, int first, int count)
    {
        Validate(a, n);
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (first + count > n)
            throw new ArgumentOutOfRangeException(nameof(count), $"eigenpairs {first}..{first + count - 1} of a {n}×{n} matrix");
        var form = SymmetricEigenTridiagonal.Reduce(a, n);
        if (count > QlShare * n) return Ql(form, first, count);
        double[] d = form.Diagonal, e = form.OffDiagonal;
        double[] values = SymmetricEigenBisection.Eigenvalues(d, e, n, first, count);
        double[] vectors = SymmetricEigenBisection.Eigenvectors(d, e, n, values, new Rng(0x5EED));
        form.BackTransform(vectors, count);
        CanonicalSigns(vectors, n);
        return new SymmetricEigenPairs(values, vectors, n);
    }

    private static SymmetricEigenPairs Ql(SymmetricEigenTridiagonal form, int first, int count)
    {
        int n = form.Size;
        var d = (double[])form.Diagonal.Clone();
        var e = (double[])form.OffDiagonal.Clone();
        var zt = new double[n * n];
        for (int i = 0; i < n; i++) zt[i * n + i] = 1;
        SymmetricEigenQl.Solve(d, e, zt, n);
        double[] vectors = zt.AsSpan(first * n, count * n).ToArray();
        form.BackTransform(vectors, count);
        CanonicalSigns(vectors, n);
        return new SymmetricEigenPairs(d.AsSpan(first, count).ToArray(), vectors, n);
    }

    /// <summary>Flips each row of z [K, N] so that its first largest-magnitude entry is positive.</summary>
    internal static void CanonicalSigns(Span<double> z, int n)
    {
        if (n == 0) return;
        for (int r = 0; r < z.Length / n; r++)
        {
            Span<double> x = z.Slice(r * n, n);
            int best = 0;
            for (int i = 1; i < n; i++)
                if (Math.Abs(x[i]) > Math.Abs(x[best])) best = i;
            if (x[best] < 0)
                for (int i = 0; i < n; i++) x[i] = -x[i];
        }
    }

    private static void Validate(ReadOnlySpan<double> a, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (a.Length < (long)n * n) throw new ArgumentException($"a has {a.Length} entries, expected {n}×{n}", nameof(a));
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++)
                if (!double.IsFinite(a[i * n + j]))
                    throw new ArgumentException($"a[{i}, {j}] is {a[i * n + j]}", nameof(a));
    }
}
