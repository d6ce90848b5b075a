using LocalSpec.Numerics;
using Xunit;

namespace LocalSpec.Tests.Numerics;

public sealed class OpenBlasEnvironmentTests
{
    [Theory]
    [InlineData(true, true, "SkylakeX")]
    [InlineData(true, false, "SkylakeX")]
    [InlineData(false, true, "Haswell")]
    [InlineData(false, false, null)]
    public void Core_type_follows_the_widest_vector_extension(bool avx512, bool avx2, string? expected) =>
        Assert.Equal(expected, OpenBlasEnvironment.ChooseCoreType(avx512, avx2));

    [Fact]
    public void A_core_type_the_user_set_is_kept()
    {
        var set = new List<string>();
        string how = OpenBlasEnvironment.DecideCoreType(_ => "Zen", (name, value) => set.Add(value), avx512: true, avx2: true);
        Assert.Empty(set);
        Assert.Equal("OPENBLAS_CORETYPE=Zen from the environment", how);
    }

    [Fact]
    public void An_unset_core_type_is_set_for_an_AVX512_CPU()
    {
        var set = new Dictionary<string, string>();
        string how = OpenBlasEnvironment.DecideCoreType(_ => null, (name, value) => set[name] = value, avx512: true, avx2: true);
        Assert.Equal("SkylakeX", set["OPENBLAS_CORETYPE"]);
        Assert.Contains("set by LocalSpec", how);
    }

    [Fact]
    public void Without_AVX2_the_core_type_is_left_to_OpenBLAS()
    {
        string how = OpenBlasEnvironment.DecideCoreType(_ => "", (_, _) => Assert.Fail("must not set"), avx512: false, avx2: false);
        Assert.Contains("OpenBLAS detects", how);
    }

    [Fact]
    public void An_unset_thread_timeout_is_shortened_and_a_set_one_is_kept()
    {
        var set = new Dictionary<string, string>();
        OpenBlasEnvironment.DecideThreadTimeout(_ => null, (name, value) => set[name] = value);
        Assert.Equal("20", set["OPENBLAS_THREAD_TIMEOUT"]);
        OpenBlasEnvironment.DecideThreadTimeout(_ => "26", (_, _) => Assert.Fail("must not set"));
    }

    [Fact]
    public void Native_setenv_is_seen_by_native_getenv_and_by_dotnet()
    {
        if (!NativeEnvironment.IsAvailable) return; // Windows: no C environment to reach
        string name = $"LOCALSPEC_TEST_{Guid.NewGuid():N}";
        NativeEnvironment.Set(name, "value 1");
        Assert.Equal("value 1", NativeEnvironment.Get(name));
        Assert.Equal("value 1", Environment.GetEnvironmentVariable(name));
    }

    [Fact]
    public void Dotnet_environment_writes_do_not_reach_native_code_on_unix()
    {
        // The reason NativeEnvironment exists: OpenBLAS reads environ, which this does not change.
        if (!NativeEnvironment.IsAvailable) return;
        string name = $"LOCALSPEC_TEST_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(name, "managed only");
        Assert.Null(NativeEnvironment.Get(name));
    }
}
