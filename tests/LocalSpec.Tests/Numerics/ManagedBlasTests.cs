using LocalSpec.Numerics;
using Xunit;

namespace LocalSpec.Tests.Numerics;

public sealed class ManagedBlasTests
{
    /// <summary>Every kernel this CPU can run, with tiny blocking so small matrices cross every Mc/Kc/Nc edge.</summary>
    public static TheoryData<string> Kernels()
    {
        var data = new TheoryData<string>();
        foreach (GemmKernelKind kind in Enum.GetValues<GemmKernelKind>())
            if (GemmKernelKinds.IsSupported(kind)) data.Add(kind.ToString());
        return data;
    }

    private static ManagedBlas Tiny(string kernel, int threads = 0) => Tiny(Enum.Parse<GemmKernelKind>(kernel), threads);

    private static ManagedBlas Tiny(GemmKernelKind kind, int threads = 0)
    {
        int mr = GemmKernelKinds.Mr(kind), nr = GemmKernelKinds.Nr(kind);
        return new ManagedBlas(kind, new GemmBlocking(2 * mr, 8, 2 * nr), threads);
    }

    [Theory]
    [MemberData(nameof(GemmCases.Shapes), MemberType = typeof(GemmCases))]
    public void Sgemm_matches_reference_for_odd_and_non_square_shapes(Transpose transA, Transpose transB, int m, int n, int k) =>
        GemmOracle.AssertMatchesReference(ManagedBlas.Instance, transA, transB, m, n, k, 0.75f, 0.5f, pad: 3);

    [Theory]
    [MemberData(nameof(GemmCases.Scalars), MemberType = typeof(GemmCases))]
    public void Sgemm_honours_alpha_and_beta_and_overwrites_when_beta_is_zero(Transpose transA, Transpose transB, float alpha, float beta) =>
        GemmOracle.AssertMatchesReference(ManagedBlas.Instance, transA, transB, 33, 47, 65, alpha, beta, pad: 5);

    [Theory]
    [MemberData(nameof(GemmCases.AllTransposes), MemberType = typeof(GemmCases))]
    public void Sgemm_matches_reference_across_default_cache_blocks(Transpose transA, Transpose transB)
    {
        // M > Mc = 144 and K > Kc = 256 with default blocking; N > Nc = 2048 in a thin product.
        GemmOracle.AssertMatchesReference(ManagedBlas.Instance, transA, transB, 150, 70, 300, 1f, 0.25f, pad: 1);
        GemmOracle.AssertMatchesReference(ManagedBlas.Instance, transA, transB, 5, 2100, 9, -1f, 0f, pad: 2);
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Every_kernel_matches_reference_for_every_transpose_across_many_blocks(string kind)
    {
        ManagedBlas blas = Tiny(kind);
        foreach (var row in GemmCases.AllTransposes())
        {
            var (transA, transB) = ((Transpose)row[0], (Transpose)row[1]);
            GemmOracle.AssertMatchesReference(blas, transA, transB, 61, 97, 45, 1.5f, 0f, pad: 2);
            GemmOracle.AssertMatchesReference(blas, transA, transB, 3, 5, 17, -0.5f, 2f, pad: 0);
        }
    }

    [Fact]
    public void Random_shapes_with_random_scalars_match_reference()
    {
        var rng = new Rng(20261122);
        ManagedBlas tiny = Tiny(GemmKernelKinds.Best);
        for (int trial = 0; trial < 150; trial++)
        {
            var transA = rng.NextInt(2) == 0 ? Transpose.No : Transpose.Yes;
            var transB = rng.NextInt(2) == 0 ? Transpose.No : Transpose.Yes;
            int m = rng.NextInt(1, 40), n = rng.NextInt(1, 70), k = rng.NextInt(1, 40), pad = rng.NextInt(0, 4);
            float alpha = (float)rng.Uniform(-2, 2), beta = rng.NextInt(3) == 0 ? 0f : (float)rng.Uniform(-2, 2);
            GemmOracle.AssertMatchesReference(trial % 2 == 0 ? tiny : ManagedBlas.Instance, transA, transB, m, n, k, alpha, beta, pad, seed: (ulong)trial);
        }
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Results_are_bit_identical_for_any_thread_count(string kind)
    {
        const int m = 83, n = 131, k = 70;
        var rng = new Rng(7);
        float[] a = GemmOracle.Matrix(rng, m, k, k, 0f), b = GemmOracle.Matrix(rng, k, n, n, 0f);
        float[] c0 = GemmOracle.Matrix(rng, m, n, n, 0f);
        float[]? first = null;
        foreach (int threads in new[] { 1, 2, 3, 5, 8 })
        {
            float[] c = (float[])c0.Clone();
            Tiny(kind, threads).Sgemm(Transpose.No, Transpose.No, m, n, k, 0.5f, a, k, b, n, 1.5f, c, n);
            if (first is null) first = c;
            else Assert.Equal(first, c);
        }
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void A_row_computed_alone_has_the_same_bits_as_in_the_full_product(string kind)
    {
        // A row alone is an edge tile; inside the full product most rows are in full tiles.
        const int m = 50, n = 77, k = 40;
        var rng = new Rng(11);
        float[] a = GemmOracle.Matrix(rng, m, k, k, 0f), b = GemmOracle.Matrix(rng, k, n, n, 0f);
        float[] c0 = GemmOracle.Matrix(rng, m, n, n, 0f);
        ManagedBlas blas = Tiny(kind);
        float[] full = (float[])c0.Clone();
        blas.Sgemm(Transpose.No, Transpose.No, m, n, k, 1.25f, a, k, b, n, -0.5f, full, n);
        foreach (int i in new[] { 0, 13, 24, 49 })
        {
            float[] row = c0.AsSpan(i * n, n).ToArray();
            blas.Sgemm(Transpose.No, Transpose.No, 1, n, k, 1.25f, a.AsSpan(i * k, k), k, b, n, -0.5f, row, n);
            Assert.Equal(full.AsSpan(i * n, n).ToArray(), row);
        }
    }

    [Fact]
    public void K_of_zero_scales_C_by_beta()
    {
        float[] c = [1f, 2f, float.NaN, 4f];
        ManagedBlas.Instance.Sgemm(Transpose.No, Transpose.No, 2, 1, 0, 1f, [], 1, [], 1, 3f, c, 2);
        Assert.Equal(new[] { 3f, 2f, float.NaN, 4f }, c);
        ManagedBlas.Instance.Sgemm(Transpose.No, Transpose.No, 2, 1, 0, 1f, [], 1, [], 1, 0f, c, 2);
        Assert.Equal(new[] { 0f, 2f, 0f, 4f }, c);
    }

    [Fact]
    public void Description_names_the_kernel_threads_and_note()
    {
        var blas = new ManagedBlas(threads: 3, note: "because tests said so");
        Assert.Contains(GemmKernelKinds.Name(GemmKernelKinds.Best), blas.Description);
        Assert.Contains("3 threads", blas.Description);
        Assert.EndsWith("; because tests said so", blas.Description);
    }

    [Fact]
    public void Task_grid_splits_rows_first_and_never_exceeds_the_work()
    {
        Assert.Equal((2, 1), ManagedGemmCall.Grid(2, 86, 32));
        Assert.Equal((1, 2), ManagedGemmCall.Grid(2, 1, 32));
        Assert.Equal((1, 1), ManagedGemmCall.Grid(2, 1, 1));
        Assert.Equal((3, 2), ManagedGemmCall.Grid(6, 3, 10));
        Assert.Equal((1, 1), ManagedGemmCall.Grid(1, 50, 50));
    }
}
