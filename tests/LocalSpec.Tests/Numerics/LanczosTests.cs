using LocalSpec.Numerics;
using static LocalSpec.Tests.Numerics.EigenChecks;

namespace LocalSpec.Tests.Numerics;

public sealed class LanczosTests
{
    /// <summary>Symmetric [N, N] with about <paramref name="perRow"/> nonzeros per row, uniform on [−1, 1].</summary>
    private static double[] SparseSymmetric(int n, int perRow, ulong seed)
    {
        var rng = new Rng(seed);
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int t = 0; t < perRow / 2; t++)
            {
                int j = rng.NextInt(n);
                a[i * n + j] = a[j * n + i] = 2 * rng.NextDouble() - 1;
            }
        return a;
    }

    [Theory]
    [InlineData(600, 6, false)]
    [InlineData(600, 6, true)]
    [InlineData(400, 20, false)]
    public void Extreme_eigenpairs_match_the_dense_solver_with_small_residuals(int n, int k, bool smallest)
    {
        double[] a = SparseSymmetric(n, 8, (ulong)(n + k));
        var op = new DenseOperator(a, n);
        LanczosResult result = smallest ? Lanczos.Smallest(op, k) : Lanczos.Largest(op, k);
        SymmetricEigenPairs dense = smallest ? SymmetricEigen.Smallest(a, n, k) : SymmetricEigen.Largest(a, n, k);
        Assert.True(result.Converged);
        double norm = Math.Max(Math.Abs(dense.Values[0]), Math.Abs(dense.Values[^1]));
        for (int i = 0; i < k; i++) Assert.Equal(dense.Values[i], result.Pairs.Values[i], 1e-9 * norm);
        Assert.True(MaxResidual(a, result.Pairs) < 1e-9 * FrobeniusNorm(a), $"residual {MaxResidual(a, result.Pairs)}");
        Assert.True(MaxOrthogonalityError(result.Pairs) < 1e-12, $"orthogonality {MaxOrthogonalityError(result.Pairs)}");
        Assert.Equal(op.Products, result.Products);
    }

    [Fact]
    public void A_tightly_clustered_top_of_the_spectrum_converges()
    {
        // The MLP weight graph's case: wanted eigenvalues 1e-4 apart at the edge of a bulk.
        const int n = 500;
        double[] values = Enumerable.Range(0, n).Select(i => i < n - 30 ? -1 + 1.9 * i / n : 0.95 + 1e-4 * (i - n + 30)).ToArray();
        double[] a = WithSpectrum(values, 8);
        LanczosResult result = Lanczos.Largest(new DenseOperator(a, n), 16);
        Assert.True(result.Converged);
        for (int i = 0; i < 16; i++) Assert.Equal(values[n - 16 + i], result.Pairs.Values[i], 1e-10);
        Assert.True(MaxResidual(a, result.Pairs) < 1e-8);
    }

    [Fact]
    public void An_invariant_subspace_is_left_for_a_fresh_direction_so_multiplicities_are_found()
    {
        // Three distinct eigenvalues: the Krylov space of any start vector has dimension 3.
        const int n = 300;
        double[] values = Enumerable.Range(0, n).Select(i => i < 200 ? 1.0 : i < 250 ? 3.0 : 5.0).ToArray();
        double[] a = WithSpectrum(values, 2);
        LanczosResult result = Lanczos.Largest(new DenseOperator(a, n), 4);
        Assert.True(result.Converged);
        Assert.All(result.Pairs.Values, v => Assert.Equal(5.0, v, 1e-10));
        Assert.True(MaxResidual(a, result.Pairs) < 1e-9);
        Assert.True(MaxOrthogonalityError(result.Pairs) < 1e-12);
    }

    [Fact]
    public void The_same_seed_gives_the_same_bits_and_another_seed_the_same_eigenvalues()
    {
        double[] a = SparseSymmetric(300, 10, 4);
        var op = new DenseOperator(a, 300);
        LanczosResult first = Lanczos.Largest(op, 5, new LanczosOptions { Seed = 1 });
        LanczosResult again = Lanczos.Largest(op, 5, new LanczosOptions { Seed = 1 });
        LanczosResult other = Lanczos.Largest(op, 5, new LanczosOptions { Seed = 2 });
        Assert.Equal(first.Pairs.Values, again.Pairs.Values);
        Assert.Equal(first.Pairs.Vectors, again.Pairs.Vectors);
        for (int i = 0; i < 5; i++) Assert.Equal(first.Pairs.Values[i], other.Pairs.Values[i], 1e-10);
    }

    [Fact]
    public void An_operator_no_larger_than_the_subspace_is_solved_densely()
    {
        double[] a = RandomSymmetric(20, 3);
        LanczosResult result = Lanczos.Largest(new DenseOperator(a, 20), 3);
        Assert.Equal(20, result.Products);
        Assert.Equal(SymmetricEigen.Largest(a, 20, 3).Values, result.Pairs.Values);
    }

    [Fact]
    public void The_product_budget_stops_the_iteration_and_says_so()
    {
        double[] values = Enumerable.Range(0, 400).Select(i => 1 - 1e-6 * i).ToArray();
        double[] a = WithSpectrum(values, 5);
        LanczosResult result = Lanczos.Largest(new DenseOperator(a, 400), 8, new LanczosOptions { MaxProducts = 50 });
        Assert.False(result.Converged);
        Assert.True(result.MaxResidual > 1e-10);
    }

    [Fact]
    public void Bad_arguments_are_rejected()
    {
        var op = new DenseOperator(new double[16], 4);
        Assert.Throws<ArgumentOutOfRangeException>(() => Lanczos.Largest(op, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Lanczos.Largest(op, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Lanczos.Largest(op, 2, new LanczosOptions { SubspaceSize = 2 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Lanczos.Largest(op, 2, new LanczosOptions { Tolerance = 0 }));
    }
}
