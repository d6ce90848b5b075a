using LocalSpec.Numerics;
using static LocalSpec.Tests.Numerics.EigenChecks;

namespace LocalSpec.Tests.Numerics;

public sealed class SymmetricEigenTests
{
    public static TheoryData<int> Orders => new() { 1, 2, 3, 7, 40, 170 };

    [Theory]
    [MemberData(nameof(Orders))]
    public void All_eigenpairs_match_MathNet_and_the_Jacobi_reference_with_small_residuals(int n)
    {
        double[] a = RandomSymmetric(n, (ulong)n);
        SymmetricEigenPairs pairs = SymmetricEigen.All(a, n);
        double scale = FrobeniusNorm(a);
        double[] mathNet = MathNetEigenvalues(a, n);
        SymmetricEigenPairs jacobi = SymmetricEigenReference.Jacobi(a, n);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(mathNet[i], pairs.Values[i], 1e-12 * scale);
            Assert.Equal(jacobi.Values[i], pairs.Values[i], 1e-12 * scale);
        }
        Assert.True(MaxResidual(a, pairs) < 1e-12 * scale, $"residual {MaxResidual(a, pairs)}");
        Assert.True(MaxOrthogonalityError(pairs) < 1e-12, $"orthogonality {MaxOrthogonalityError(pairs)}");
        Assert.True(MaxResidual(a, jacobi) < 1e-12 * scale, $"reference residual {MaxResidual(a, jacobi)}");
    }

    [Theory]
    [InlineData(60, 0, 5)]
    [InlineData(60, 55, 5)]
    [InlineData(170, 80, 12)]
    [InlineData(30, 0, 30)]
    public void A_range_of_eigenpairs_equals_that_slice_of_all_of_them(int n, int first, int count)
    {
        double[] a = RandomSymmetric(n, 99);
        SymmetricEigenPairs all = SymmetricEigen.All(a, n), some = SymmetricEigen.Range(a, n, first, count);
        Assert.Equal(count, some.Count);
        for (int r = 0; r < count; r++)
        {
            Assert.Equal(all.Values[first + r], some.Values[r], 1e-12);
            // Random spectra are simple, so the canonical-sign vectors must agree entry by entry.
            for (int i = 0; i < n; i++) Assert.Equal(all.Vector(first + r)[i], some.Vector(r)[i], 1e-8);
        }
        Assert.True(MaxResidual(a, some) < 1e-12 * FrobeniusNorm(a));
        Assert.True(MaxOrthogonalityError(some) < 1e-12);
    }

    [Fact]
    public void Smallest_and_largest_are_the_ends_of_the_spectrum()
    {
        double[] values = Enumerable.Range(0, 50).Select(i => i * 0.5 - 7).ToArray();
        double[] a = WithSpectrum(values, 3);
        Assert.Equal(values[..4], SymmetricEigen.Smallest(a, 50, 4).Values, new Tolerance(1e-12));
        Assert.Equal(values[^4..], SymmetricEigen.Largest(a, 50, 4).Values, new Tolerance(1e-12));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Repeated_eigenvalues_get_orthonormal_eigenvectors(bool selected)
    {
        // A triple 0, a double 1 and a near-double (1e-13 apart) among the smallest six.
        double[] values = [0, 0, 0, 1, 1, 2, 2 + 1e-13, .. Enumerable.Range(0, 53).Select(i => 3 + 0.1 * i)];
        int n = values.Length;
        double[] a = WithSpectrum(values, 11);
        SymmetricEigenPairs pairs = selected ? SymmetricEigen.Smallest(a, n, 7) : SymmetricEigen.All(a, n);
        for (int i = 0; i < pairs.Count; i++) Assert.Equal(values[i], pairs.Values[i], 1e-12);
        Assert.True(MaxResidual(a, pairs) < 1e-12 * FrobeniusNorm(a), $"residual {MaxResidual(a, pairs)}");
        Assert.True(MaxOrthogonalityError(pairs) < 1e-12, $"orthogonality {MaxOrthogonalityError(pairs)}");
    }

    [Fact]
    public void The_path_graph_Laplacian_has_its_closed_form_spectrum()
    {
        // L of the path on n nodes: eigenvalues 2 − 2 cos(π j / n), j = 0..n−1.
        const int n = 90;
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            a[i * n + i] = i == 0 || i == n - 1 ? 1 : 2;
            if (i > 0) a[i * n + i - 1] = a[(i - 1) * n + i] = -1;
        }
        SymmetricEigenPairs small = SymmetricEigen.Smallest(a, n, 6), all = SymmetricEigen.All(a, n);
        for (int j = 0; j < n; j++)
        {
            double expected = 2 - 2 * Math.Cos(Math.PI * j / n);
            Assert.Equal(expected, all.Values[j], 1e-13);
            if (j < 6) Assert.Equal(expected, small.Values[j], 1e-13);
        }
        // The constant vector for eigenvalue 0, positive by the sign convention.
        Assert.All(small.Vector(0).ToArray(), x => Assert.Equal(1 / Math.Sqrt(n), x, 1e-12));
    }

    [Theory]
    [InlineData("zero")]
    [InlineData("identity")]
    [InlineData("diagonal")]
    [InlineData("blocks")]
    public void Already_reduced_or_degenerate_matrices_are_solved(string kind)
    {
        const int n = 12;
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            a[i * n + i] = kind switch { "zero" => 0, "identity" => 1, _ => (i * 7) % n };
            if (kind == "blocks" && i % 3 != 0) a[i * n + i - 1] = a[(i - 1) * n + i] = 0.5; // T splits every 3 rows
        }
        foreach (SymmetricEigenPairs pairs in new[] { SymmetricEigen.All(a, n), SymmetricEigen.Smallest(a, n, 3) })
        {
            Assert.True(MaxResidual(a, pairs) < 1e-13, $"{kind}: residual {MaxResidual(a, pairs)}");
            Assert.True(MaxOrthogonalityError(pairs) < 1e-13, $"{kind}: orthogonality {MaxOrthogonalityError(pairs)}");
        }
        Assert.Equal(MathNetEigenvalues(a, n), SymmetricEigen.All(a, n).Values, new Tolerance(1e-13));
    }

    [Fact]
    public void Only_the_lower_triangle_is_read()
    {
        double[] a = RandomSymmetric(9, 5);
        double[] lower = (double[])a.Clone();
        for (int i = 0; i < 9; i++)
            for (int j = i + 1; j < 9; j++) lower[i * 9 + j] = double.NaN;
        Assert.Equal(SymmetricEigen.All(a, 9).Values, SymmetricEigen.All(lower, 9).Values);
    }

    [Fact]
    public void Bad_input_is_rejected_at_the_boundary()
    {
        double[] a = RandomSymmetric(4, 1);
        a[9] = double.NaN; // row 2, column 1: lower triangle
        Assert.Contains("a[2, 1]", Assert.Throws<ArgumentException>(() => SymmetricEigen.All(a, 4)).Message);
        Assert.Throws<ArgumentException>(() => SymmetricEigen.All(new double[8], 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => SymmetricEigen.Range(new double[9], 3, 2, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => SymmetricEigen.Largest(new double[9], 3, 4));
    }

    private sealed class Tolerance(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
