namespace LocalSpec.Numerics;

/// <summary>
/// The K algebraically extreme eigenpairs of a large symmetric operator by thick-restarted
/// Lanczos (Wu &amp; Simon 2000; the same Krylov space as ARPACK's implicit restart with exact
/// shifts) with full reorthogonalization, in double precision. A basis of M vectors is built;
/// the projected matrix T = VᵀAV (tridiagonal plus, after a restart, one arrow row) is solved
/// densely; the best Ritz vectors are kept and the basis extended again until the K wanted
/// Ritz pairs have small residuals. A single start vector finds one vector per eigenspace: an
/// eigenvalue repeated exactly (a disconnected graph's zero) shows up once, so callers split
/// such cases first. Operators no larger than M are made dense and solved by
/// <see cref="SymmetricEigen"/>.
/// </summary>
public static class Lanczos
{
    /// <summary>The <paramref name="k"/> largest eigenpairs of <paramref name="a"/>, ascending.</summary>
    public static LanczosResult Largest(ISymmetricOperator a, int k, LanczosOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        options ??= new LanczosOptions();
        Validate(a, k, options);
        return new LanczosRun(a, k, options).Solve();
    }

    /// <summary>The <paramref name="k"/> smallest eigenpairs of <paramref name="a"/>, ascending.</summary>
    public static LanczosResult Smallest(ISymmetricOperator a, int k, LanczosOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        options ??= new LanczosOptions();
        Validate(a, k, options);
        LanczosResult r = new LanczosRun(new Negated(a), k, options).Solve();
        int n = a.Size;
        var values = new double[k];
        var vectors = new double[k * n];
        for (int i = 0; i < k; i++)
        {
            values[i] = -r.Pairs.Values[k - 1 - i];
            r.Pairs.Vector(k - 1 - i).CopyTo(vectors.AsSpan(i * n, n));
        }
        return r with { Pairs = new SymmetricEigenPairs(values, vectors, n) };
    }

    internal static int SubspaceSize(int n, int k, LanczosOptions options)
    {
        int m = options.SubspaceSize > 0 ? options.SubspaceSize : Math.Max(2 * k + 1, k + 24);
        return Math.Min(m, n);
    }

    private static void Validate(ISymmetricOperator a, int k, LanczosOptions options)
    {
        if (k < 1 || k > a.Size) throw new ArgumentOutOfRangeException(nameof(k), $"{k} eigenpairs of an operator of order {a.Size}");
        if (options.SubspaceSize != 0 && options.SubspaceSize <= k)
            throw new ArgumentOutOfRangeException(nameof(options), $"subspace size {options.SubspaceSize} must exceed k = {k}");
        if (!(options.Tolerance > 0)) throw new ArgumentOutOfRangeException(nameof(options), "tolerance must be positive");
        if (options.MaxProducts < 1) throw new ArgumentOutOfRangeException(nameof(options), "max products must be positive");
    }

    private sealed class Negated(ISymmetricOperator inner) : ISymmetricOperator
    {
        public int Size => inner.Size;

        public void Apply(ReadOnlySpan<double> x, Span<double> y)
        {
            inner.Apply(x, y);
            for (int i = 0; i < y.Length; i++) y[i] = -y[i];
        }
    }
}
