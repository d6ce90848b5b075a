using System.Text;
using LocalSpec.Measures;
using LocalSpec.Stats;

namespace LocalSpec.Tests.Measures;

public sealed class MeasurementStatsTests
{
    private static readonly SubclusterValues[] AccDrop =
    [
        new(0.03, [0.01, 0.02, 0.5, 0.03]),
        new(0, [0, 0.25, 1e-3, -0.01]),
        new(0.2, [0.1, 0.05, 0.3, 0.15]),
    ];

    private static readonly SubclusterValues[] Entropy =
    [
        new(1.5, [2, 2.25, 0.125, 1.5]),
        new(0.5, [1, 1.25, 2, 0.75]),
    ];

    /// <summary>A measurements file written by hand around the given values (layer 0, clusters 0, 1, …).</summary>
    private static string Json(params (string Name, bool Higher, SubclusterValues[] Values)[] proxies)
    {
        static string Numbers(IEnumerable<double> xs) => "[" + string.Join(", ", xs.Select(x => x.ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + "]";
        var text = new StringBuilder("{\"proxies\": {");
        text.Append(string.Join(", ", proxies.Select(p => $"\"{p.Name}\": {{\"higher_is_more_specialized\": {(p.Higher ? "true" : "false")}, \"subclusters\": [" +
            string.Join(", ", p.Values.Select((v, i) => $"{{\"layer\": 0, \"cluster\": {i}, \"units\": [{i}], \"true\": {Numbers([v.TrueValue])[1..^1]}, \"random\": {Numbers(v.RandomValues)}}}")) + "]}")));
        return text.Append("}}").ToString();
    }

    private static MeasurementsDocument Document(string json, string source = "m.json") => MeasurementsFile.Parse(Encoding.UTF8.GetBytes(json), source);

    [Fact]
    public void Stats_of_a_hand_made_file_equal_network_proxy_stats_on_the_same_numbers()
    {
        var document = Document(Json(("lesion.acc_drop", true, AccDrop), ("featvis.entropy", false, Entropy)));
        var expected = new StatsDocument(new Dictionary<string, ProxyStats>
        {
            ["lesion.acc_drop"] = NetworkProxyStats.Compute(AccDrop, true),
            ["featvis.entropy"] = NetworkProxyStats.Compute(Entropy, false),
        });
        Assert.Equal(expected.ToJson(), MeasurementStats.Compute(document).ToJson());
        var codeTies = new StatsDocument(new Dictionary<string, ProxyStats>
        {
            ["lesion.acc_drop"] = NetworkProxyStats.Compute(AccDrop, true, TieRule.NotMoreSpecialized),
            ["featvis.entropy"] = NetworkProxyStats.Compute(Entropy, false, TieRule.NotMoreSpecialized),
        });
        Assert.Equal(codeTies.ToJson(), MeasurementStats.Compute(document, TieRule.NotMoreSpecialized).ToJson());
    }

    [Fact]
    public void Replicates_combine_as_replicate_proxy_stats_do()
    {
        var shifted = AccDrop.Select(v => v with { TrueValue = v.TrueValue + 0.1 }).ToArray();
        var a = Document(Json(("lesion.acc_drop", true, AccDrop)));
        var b = Document(Json(("lesion.acc_drop", true, shifted)));
        var expected = new StatsDocument(new Dictionary<string, ProxyStats>
        {
            ["lesion.acc_drop"] = ReplicateProxyStats.Combine([NetworkProxyStats.Compute(AccDrop, true), NetworkProxyStats.Compute(shifted, true)]),
        });
        var combined = MeasurementStats.Combine([a, b]);
        Assert.Equal(expected.ToJson(), combined.ToJson());
        Assert.Equal(2, ((ReplicateProxyStats)combined.Proxies["lesion.acc_drop"]).ReplicateCount);
    }

    [Fact]
    public void The_stage_s_own_output_gives_statistics_for_every_proxy()
    {
        var stats = MeasurementStats.Compute(MeasurementFixture.Result.Document);
        Assert.Equal(["featvis.entropy", "featvis.score", "lesion.acc_drop", "lesion.class_range"], stats.Proxies.Keys.Order(StringComparer.Ordinal));
        Assert.All(stats.Proxies.Values, p => Assert.Equal(5, p.SubclusterCount));
        Assert.False(stats.Proxies["featvis.entropy"].HigherIsMoreSpecialized);
    }

    [Fact]
    public void Replicates_with_different_proxies_are_rejected_naming_the_file()
    {
        var a = Document(Json(("lesion.acc_drop", true, AccDrop)));
        var b = Document(Json(("lesion.acc_drop", true, AccDrop), ("featvis.entropy", false, Entropy)));
        var e = Assert.Throws<MeasurementException>(() => MeasurementStats.Combine([a, b], sources: ["r0.json", "r1.json"]));
        Assert.StartsWith("r1.json: holds proxies featvis.entropy, lesion.acc_drop, but r0.json holds lesion.acc_drop", e.Message);
    }

    [Fact]
    public void A_proxy_without_subclusters_or_with_unrankable_values_is_an_error_naming_the_file()
    {
        var empty = Document("{\"proxies\": {\"lesion.acc_drop\": {\"higher_is_more_specialized\": true, \"subclusters\": []}}}");
        var e = Assert.Throws<MeasurementException>(() => MeasurementStats.Compute(empty, source: "m.json"));
        Assert.StartsWith("m.json: proxies.lesion.acc_drop has no analysed subclusters", e.Message);
        Assert.Throws<MeasurementException>(() => MeasurementStats.Compute(Document("{\"proxies\": {}}")));
    }
}
