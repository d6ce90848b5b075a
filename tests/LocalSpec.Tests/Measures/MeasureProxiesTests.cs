using LocalSpec.Measures;

namespace LocalSpec.Tests.Measures;

public sealed class MeasureProxiesTests
{
    [Theory]
    [InlineData("lesion", new[] { MeasureProxy.LesionAccDrop, MeasureProxy.LesionClassRange })]
    [InlineData("featvis", new[] { MeasureProxy.FeatureVisScore, MeasureProxy.FeatureVisEntropy })]
    [InlineData("featvis.entropy, lesion", new[] { MeasureProxy.LesionAccDrop, MeasureProxy.LesionClassRange, MeasureProxy.FeatureVisEntropy })]
    [InlineData("lesion.acc_drop,lesion,lesion.acc_drop", new[] { MeasureProxy.LesionAccDrop, MeasureProxy.LesionClassRange })]
    [InlineData("lesion,featvis", new[] { MeasureProxy.LesionAccDrop, MeasureProxy.LesionClassRange, MeasureProxy.FeatureVisScore, MeasureProxy.FeatureVisEntropy })]
    public void Families_and_names_parse_to_distinct_proxies_in_canonical_order(string list, MeasureProxy[] expected) =>
        Assert.Equal(expected, MeasureProxies.Parse(list));

    [Theory]
    [InlineData("lesion.accuracy")]
    [InlineData("")]
    [InlineData(" , ")]
    public void Unknown_or_missing_proxies_are_refused_with_the_choices(string list)
    {
        var e = Assert.Throws<ArgumentException>(() => MeasureProxies.Parse(list));
        Assert.Contains("lesion, featvis, lesion.acc_drop, lesion.class_range, featvis.score, featvis.entropy", e.Message);
    }

    [Fact]
    public void Names_round_trip_and_only_entropy_is_lower_is_more_specialized()
    {
        foreach (var proxy in MeasureProxies.All)
        {
            Assert.True(MeasureProxies.TryParse(MeasureProxies.Name(proxy), out var back));
            Assert.Equal(proxy, back);
            Assert.Equal(proxy != MeasureProxy.FeatureVisEntropy, MeasureProxies.HigherIsMoreSpecialized(proxy));
        }
    }
}
