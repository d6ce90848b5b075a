using System.Runtime.CompilerServices;

namespace LocalSpec.Numerics;

/// <summary>
/// Every eigenpair of a symmetric tridiagonal matrix by the implicit QL method with Wilkinson
/// shifts (EISPACK tql2, as in JAMA). The rotations act on rows of Zᵀ, so each one is two
/// contiguous vector updates.
/// </summary>
internal static class SymmetricEigenQl
{
    private const int MaxSweepsPerValue = 60;

    /// <summary>
    /// d [N] diagonal, e [N] off-diagonal (e[i] = T[i, i+1], e[N−1] ignored); both overwritten.
    /// zt [N, N] holds Zᵀ on entry (the identity for T's own eigenvectors) and the rotated rows
    /// on exit. Returns the eigenvalues ascending with zt's rows sorted to match.
    /// </summary>
    public static void Solve(double[] d, double[] e, double[] zt, int n)
    {
        if (n == 0) return;
        // tql2 indexes the off-diagonal from 1: shift down so e[l] couples l and l + 1.
        e[n - 1] = 0;
        double f = 0, tst1 = 0, eps = Math.Pow(2, -52);
        for (int l = 0; l < n; l++)
        {
            tst1 = Math.Max(tst1, Math.Abs(d[l]) + Math.Abs(e[l]));
            int m = l;
            while (m < n - 1 && Math.Abs(e[m]) > eps * tst1) m++;
            int sweeps = 0;
            while (m > l)
            {
                if (++sweeps > MaxSweepsPerValue)
                    throw new InvalidOperationException($"implicit QL did not converge for eigenvalue {l} of {n}");
                f += Sweep(d, e, zt, n, l, m);
                if (Math.Abs(e[l]) <= eps * tst1) break;
            }
            d[l] += f;
            e[l] = 0;
        }
        SortAscending(d, zt, n);
    }

    /// <summary>One implicit QL sweep on the unreduced block l..m; returns the shift applied to d[l+2..].</summary>
    private static double Sweep(double[] d, double[] e, double[] zt, int n, int l, int m)
    {
        double g = d[l];
        double p = (d[l + 1] - g) / (2 * e[l]);
        double r = SymmetricEigenTridiagonal.Hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        double dl1 = d[l + 1];
        double h = g - d[l];
        for (int i = l + 2; i < n; i++) d[i] -= h;
        p = d[m];
        double c = 1, c2 = 1, c3 = 1, el1 = e[l + 1], s = 0, s2 = 0;
        for (int i = m - 1; i >= l; i--)
        {
            c3 = c2;
            c2 = c;
            s2 = s;
            g = c * e[i];
            double hh = c * p;
            r = SymmetricEigenTridiagonal.Hypot(p, e[i]);
            e[i + 1] = s * r;
            s = e[i] / r;
            c = p / r;
            p = c * d[i] - s * g;
            d[i + 1] = hh + s * (c * g + s * d[i]);
            Rotate(zt.AsSpan(i * n, n), zt.AsSpan((i + 1) * n, n), c, s);
        }
        p = -s * s2 * c3 * el1 * e[l] / dl1;
        e[l] = s * p;
        d[l] = c * p;
        return h;
    }

    /// <summary>(a, b) ← (c a − s b, s a + c b), entry-wise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call: a one-shot CLI run never reaches tier 1
    private static void Rotate(Span<double> a, Span<double> b, double c, double s)
    {
        for (int k = 0; k < a.Length; k++)
        {
            double x = a[k], y = b[k];
            a[k] = c * x - s * y;
            b[k] = s * x + c * y;
        }
    }

    private static void SortAscending(double[] d, double[] zt, int n)
    {
        var row = new double[n];
        for (int i = 0; i < n - 1; i++)
        {
            int min = i;
            for (int j = i + 1; j < n; j++)
                if (d[j] < d[min]) min = j;
            if (min == i) continue;
            (d[i], d[min]) = (d[min], d[i]);
            zt.AsSpan(i * n, n).CopyTo(row);
            zt.AsSpan(min * n, n).CopyTo(zt.AsSpan(i * n, n));
            row.CopyTo(zt.AsSpan(min * n, n));
        }
    }
}
