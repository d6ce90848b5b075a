using LocalSpec.Numerics;
using LocalSpec.Tests.TestSupport;
using Xunit;

namespace LocalSpec.Tests.Numerics;

/// <summary>The OpenBLAS the tool would use, checked against the reference; skipped (with the reason) when none can be had.</summary>
[Collection(OpenBlasCoreTypeCollection.Name)]
public sealed class OpenBlasTests
{
    private static OpenBlas Blas => BlasProvider.OpenBlas.Blas!;

    [RequiresTheory(typeof(OpenBlasAvailable))]
    [MemberData(nameof(GemmCases.Shapes), MemberType = typeof(GemmCases))]
    public void Sgemm_matches_reference_for_odd_and_non_square_shapes(Transpose transA, Transpose transB, int m, int n, int k) =>
        GemmOracle.AssertMatchesReference(Blas, transA, transB, m, n, k, 0.75f, 0.5f, pad: 3);

    [RequiresTheory(typeof(OpenBlasAvailable))]
    [MemberData(nameof(GemmCases.Scalars), MemberType = typeof(GemmCases))]
    public void Sgemm_honours_alpha_and_beta_and_overwrites_when_beta_is_zero(Transpose transA, Transpose transB, float alpha, float beta) =>
        GemmOracle.AssertMatchesReference(Blas, transA, transB, 33, 47, 65, alpha, beta, pad: 5);

    [RequiresTheory(typeof(OpenBlasAvailable))]
    [MemberData(nameof(GemmCases.AllTransposes), MemberType = typeof(GemmCases))]
    public void Sgemm_matches_reference_on_a_product_large_enough_to_use_threads(Transpose transA, Transpose transB) =>
        GemmOracle.AssertMatchesReference(Blas, transA, transB, 150, 70, 300, 1f, 0.25f, pad: 1);

    [RequiresFact(typeof(OpenBlasAvailable))]
    public void K_of_zero_scales_C_by_beta()
    {
        float[] c = [1f, 2f, float.NaN, 4f];
        Blas.Sgemm(Transpose.No, Transpose.No, 2, 1, 0, 1f, [], 1, [], 1, 3f, c, 2);
        Assert.Equal(new[] { 3f, 2f, float.NaN, 4f }, c);
        Blas.Sgemm(Transpose.No, Transpose.No, 2, 1, 0, 1f, [], 1, [], 1, 0f, c, 2);
        Assert.Equal(new[] { 0f, 2f, 0f, 4f }, c);
    }

    [RequiresFact(typeof(OpenBlasAvailable))]
    public void Description_names_version_kernel_threads_coretype_and_path()
    {
        string description = Blas.Description;
        Assert.StartsWith("OpenBLAS 0.", description);
        Assert.Contains($"kernel {Blas.CoreName}", description);
        Assert.Contains(OpenBlasEnvironment.CoreTypeVariable, description);
        Assert.Contains(Blas.Path, description);
        Assert.Matches(@"\d+ threads?", description);
        Assert.True(System.IO.Path.IsPathRooted(Blas.Path) && File.Exists(Blas.Path), Blas.Path);
    }

    [RequiresFact(typeof(OpenBlasAvailable))]
    public void The_native_core_type_setting_reaches_OpenBLAS()
    {
        // Whether the user set it or LocalSpec did, OpenBLAS must run the kernel it names.
        string? coreType = NativeEnvironment.Get(OpenBlasEnvironment.CoreTypeVariable);
        Assert.NotNull(coreType);
        Assert.Equal(coreType, Blas.CoreName, StringComparer.OrdinalIgnoreCase);
    }

    [RequiresFact(typeof(OpenBlasAvailable))]
    public void Thread_count_follows_OPENBLAS_NUM_THREADS_or_the_core_count()
    {
        string? variable = NativeEnvironment.Get(OpenBlasEnvironment.ThreadsVariable);
        int expected = string.IsNullOrEmpty(variable) ? Environment.ProcessorCount : int.Parse(variable);
        Assert.Equal(expected, Blas.Threads);
    }

    [RequiresFact(typeof(OpenBlasAvailable))]
    public void Bad_shapes_are_rejected_before_reaching_native_code()
    {
        float[] a = new float[6], b = new float[6], c = new float[4];
        Assert.Throws<ArgumentOutOfRangeException>(() => Blas.Sgemm(Transpose.No, Transpose.No, 2, 2, 3, 1f, a, 2, b, 2, 0f, c, 2));
        Assert.Throws<ArgumentException>(() => Blas.Sgemm(Transpose.No, Transpose.No, 2, 2, 3, 1f, a, 3, b, 2, 0f, new float[3], 2));
    }
}
