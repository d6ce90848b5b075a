using LocalSpec.Numerics;
using LocalSpec.Tests.TestSupport;
using Xunit;

namespace LocalSpec.Tests.Numerics;

public sealed class BlasProviderTests
{
    private static readonly OpenBlasLookup Missing = new(null, ["system: none here", "cache: empty"]);

    private static OpenBlasLookup MustNotLook() => throw new InvalidOperationException("OpenBLAS lookup must not run");

    [Fact]
    public void Without_OpenBLAS_the_managed_fallback_says_why()
    {
        IBlas blas = BlasProvider.Resolve(null, () => Missing);
        Assert.IsType<ManagedBlas>(blas);
        Assert.Contains("OpenBLAS unavailable (system: none here; cache: empty)", blas.Description);
    }

    [Fact]
    public void Forcing_OpenBLAS_when_it_is_missing_is_a_clear_error()
    {
        var error = Assert.Throws<BlasUnavailableException>(() => BlasProvider.Resolve("openblas", () => Missing));
        Assert.Equal("LOCALSPEC_BLAS=openblas, but OpenBLAS cannot be loaded: system: none here; cache: empty", error.Message);
    }

    [Theory]
    [InlineData("managed", typeof(ManagedBlas))]
    [InlineData(" Managed ", typeof(ManagedBlas))]
    [InlineData("reference", typeof(ReferenceBlas))]
    public void Forcing_a_managed_provider_skips_the_OpenBLAS_lookup(string preference, Type expected) =>
        Assert.IsType(expected, BlasProvider.Resolve(preference, MustNotLook));

    [Fact]
    public void Forced_managed_says_it_was_forced()
    {
        Assert.EndsWith("chosen by LOCALSPEC_BLAS=managed", BlasProvider.Resolve("managed", MustNotLook).Description);
    }

    [Fact]
    public void An_unknown_provider_name_is_rejected_with_the_choices()
    {
        var error = Assert.Throws<BlasUnavailableException>(() => BlasProvider.Resolve("mkl", MustNotLook));
        Assert.Equal("LOCALSPEC_BLAS must be managed, openblas or reference (or unset), not 'mkl'.", error.Message);
    }

    [RequiresFact(typeof(OpenBlasAvailable))]
    public void OpenBLAS_is_preferred_when_it_can_be_loaded()
    {
        Assert.Same(BlasProvider.OpenBlas.Blas, BlasProvider.Resolve(null, () => BlasProvider.OpenBlas));
        Assert.Same(BlasProvider.OpenBlas.Blas, BlasProvider.Resolve("openblas", () => BlasProvider.OpenBlas));
    }

    [Fact]
    public void The_process_wide_provider_describes_itself()
    {
        Assert.False(string.IsNullOrWhiteSpace(Blas.Current.Description));
    }
}
