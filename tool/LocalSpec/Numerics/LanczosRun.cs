using System.Runtime.CompilerServices;

namespace LocalSpec.Numerics;

/// <summary>
/// One thick-restarted Lanczos computation of the K largest eigenpairs (see <see cref="Lanczos"/>).
/// State: the basis V [M + 1, N] (row i = v_i, orthonormal) and the projected matrix T [M, M].
/// </summary>
internal sealed class LanczosRun
{
    /// <summary>A new Lanczos vector shorter than this, relative to ‖T‖ so far, means an invariant subspace.</summary>
    private const double Breakdown = 1e-12;

    private readonly ISymmetricOperator _a;
    private readonly int _n, _m, _k;
    private readonly LanczosOptions _options;
    private readonly double[] _v, _t, _w, _h;
    private readonly Rng _rng;
    private int _products;
    private double _scale;

    public LanczosRun(ISymmetricOperator a, int k, LanczosOptions options)
    {
        _a = a;
        _n = a.Size;
        _k = k;
        _m = Lanczos.SubspaceSize(_n, k, options);
        _options = options;
        _rng = new Rng(options.Seed);
        _v = new double[(_m + 1) * _n];
        _t = new double[_m * _m];
        _w = new double[_n];
        _h = new double[_m + 1];
    }

    public LanczosResult Solve()
    {
        if (_m >= _n) return SolveDense();
        Span<double> v0 = Row(0);
        for (int i = 0; i < _n; i++) v0[i] = 2 * _rng.NextDouble() - 1;
        SymmetricEigenVectors.Scale(1 / SymmetricEigenVectors.Norm(v0), v0);
        int kept = 0;
        for (int restart = 0; ; restart++)
        {
            double beta = Extend(kept);
            SymmetricEigenPairs ritz = SymmetricEigen.All(_t, _m);
            double norm = Math.Max(Math.Max(Math.Abs(ritz.Values[0]), Math.Abs(ritz.Values[_m - 1])), double.Epsilon);
            double worst = 0;
            for (int i = _m - _k; i < _m; i++) worst = Math.Max(worst, Math.Abs(beta * ritz.Vectors[i * _m + _m - 1]) / norm);
            bool converged = worst <= _options.Tolerance;
            if (converged || _products >= _options.MaxProducts)
                return new LanczosResult(RitzVectors(ritz, _k), _products, restart, worst, converged);
            kept = Math.Min(_k + (_m - _k) / 2, _m - 1);
            Restart(ritz, kept, beta);
        }
    }

    private Span<double> Row(int i) => _v.AsSpan(i * _n, _n);

    /// <summary>
    /// Lanczos steps j = from .. M − 1: v_{j+1} ∝ (I − VVᵀ) A v_j (classical Gram–Schmidt, twice),
    /// T[j, j] = v_jᵀ A v_j, T[j, j+1] = β_j. Returns β_{M−1}, the coupling of the basis to v_M.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call: a one-shot CLI run never reaches tier 1
    private double Extend(int from)
    {
        double beta = 0;
        for (int j = from; j < _m; j++)
        {
            _a.Apply(Row(j), _w);
            _products++;
            double alpha = Orthogonalize(_w, j + 1) + Orthogonalize(_w, j + 1);
            _t[j * _m + j] = alpha;
            beta = SymmetricEigenVectors.Norm(_w);
            _scale = Math.Max(_scale, Math.Abs(alpha) + beta + (j > 0 ? Math.Abs(_t[j * _m + j - 1]) : 0));
            Span<double> next = Row(j + 1);
            if (beta <= Breakdown * _scale)
            {
                // A maps span(v_0..v_j) into itself: carry on from a fresh direction, decoupled (β = 0).
                beta = 0;
                for (int i = 0; i < _n; i++) next[i] = 2 * _rng.NextDouble() - 1;
                Orthogonalize(next, j + 1);
                Orthogonalize(next, j + 1);
                SymmetricEigenVectors.Scale(1 / SymmetricEigenVectors.Norm(next), next);
            }
            else
            {
                _w.CopyTo(next);
                SymmetricEigenVectors.Scale(1 / beta, next);
            }
            if (j + 1 < _m) _t[j * _m + j + 1] = _t[(j + 1) * _m + j] = beta;
        }
        return beta;
    }

    /// <summary>x ← x − Σ_{i &lt; count} (v_iᵀx) v_i; returns the coefficient of the last vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call: a one-shot CLI run never reaches tier 1
    private double Orthogonalize(Span<double> x, int count)
    {
        for (int i = 0; i < count; i++) _h[i] = SymmetricEigenVectors.Dot(Row(i), x);
        for (int i = 0; i < count; i++) SymmetricEigenVectors.Axpy(-_h[i], Row(i), x);
        return _h[count - 1];
    }

    /// <summary>
    /// Keeps the <paramref name="kept"/> largest Ritz vectors as v_0.. and v_M as v_kept:
    /// T becomes diag(θ) bordered by the arrow s_i = β y_{M−1, i} (Wu &amp; Simon eq. 2.5).
    /// </summary>
    private void Restart(SymmetricEigenPairs ritz, int kept, double beta)
    {
        int first = _m - kept;
        double[] combined = Combine(ritz, first, kept);
        combined.CopyTo(_v.AsSpan(0, kept * _n));
        Row(_m).CopyTo(Row(kept));
        Array.Clear(_t);
        for (int r = 0; r < kept; r++)
        {
            double s = beta * ritz.Vectors[(first + r) * _m + _m - 1];
            _t[r * _m + r] = ritz.Values[first + r];
            _t[r * _m + kept] = _t[kept * _m + r] = s;
        }
    }

    /// <summary>[count, N]: row r = Σ_s Y[s, first + r] v_s, the Ritz vectors of pairs first.. .</summary>
    private double[] Combine(SymmetricEigenPairs ritz, int first, int count)
    {
        var x = new double[count * _n];
        int chunks = Math.Min(count, _n >= 2048 ? Environment.ProcessorCount : 1);
        Parallel.For(0, chunks, c =>
        {
            for (int r = c; r < count; r += chunks)
            {
                Span<double> row = x.AsSpan(r * _n, _n);
                for (int s = 0; s < _m; s++)
                    SymmetricEigenVectors.Axpy(ritz.Vectors[(first + r) * _m + s], _v.AsSpan(s * _n, _n), row);
            }
        });
        return x;
    }

    private SymmetricEigenPairs RitzVectors(SymmetricEigenPairs ritz, int k)
    {
        double[] x = Combine(ritz, _m - k, k);
        for (int r = 0; r < k; r++)
        {
            Span<double> row = x.AsSpan(r * _n, _n);
            SymmetricEigenVectors.Scale(1 / SymmetricEigenVectors.Norm(row), row);
        }
        SymmetricEigen.CanonicalSigns(x, _n);
        return new SymmetricEigenPairs(ritz.Values.AsSpan(_m - k, k).ToArray(), x, _n);
    }

    /// <summary>Small operators: A's columns A e_j, then the dense solver.</summary>
    private LanczosResult SolveDense()
    {
        var dense = new double[_n * _n];
        var e = new double[_n];
        for (int j = 0; j < _n; j++)
        {
            e[j] = 1;
            _a.Apply(e, _w);
            e[j] = 0;
            for (int i = 0; i < _n; i++) dense[i * _n + j] = _w[i];
        }
        return new LanczosResult(SymmetricEigen.Largest(dense, _n, _k), _n, 0, 0, true);
    }
}
