using Xunit;

namespace LocalSpec.Tests.TestSupport;

public sealed class RequiresFactAttributeTests
{
    public sealed class AlwaysMet : ITestRequirement
    {
        public string? Unmet => null;
    }

    public sealed class NeverMet : ITestRequirement
    {
        public string? Unmet => "the moon is not in the sky";
    }

    [Fact]
    public void An_unmet_requirement_skips_with_its_reason()
    {
        Assert.Equal("Requires NeverMet: the moon is not in the sky", new RequiresFactAttribute(typeof(NeverMet)).Skip);
        Assert.Equal("Requires NeverMet: the moon is not in the sky", new RequiresTheoryAttribute(typeof(NeverMet)).Skip);
    }

    [Fact]
    public void A_met_requirement_runs_the_test() =>
        Assert.Null(new RequiresFactAttribute(typeof(AlwaysMet)).Skip);

    [Fact]
    public void A_type_that_is_not_a_requirement_is_a_programming_error() =>
        Assert.Throws<ArgumentException>(() => TestRequirements.Unmet(typeof(string)));

    [Fact]
    public void Tools_missing_from_PATH_are_named()
    {
        Assert.Null(TestRequirements.OnPath("dotnet"));
        Assert.Equal("no-such-tool-xyz not found on PATH", TestRequirements.OnPath("dotnet", "no-such-tool-xyz"));
    }
}
