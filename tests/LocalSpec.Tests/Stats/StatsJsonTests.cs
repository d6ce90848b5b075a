using System.Globalization;
using LocalSpec.Stats;

namespace LocalSpec.Tests.Stats;

public sealed class StatsJsonTests
{
    private static NetworkProxyStats Network(double shift, bool higher = true, int m = 4)
    {
        var rng = new LocalSpec.Numerics.Rng((ulong)(shift * 1000) + (higher ? 1UL : 2UL));
        var subclusters = Enumerable.Range(0, m)
            .Select(_ => new SubclusterValues(rng.NextGaussian() + shift, Enumerable.Range(0, 19).Select(_ => rng.NextGaussian()).ToArray()))
            .ToList();
        return NetworkProxyStats.Compute(subclusters, higher);
    }

    private static StatsDocument Sample() => new(new Dictionary<string, ProxyStats>
    {
        ["lesion.class_range"] = Network(0.3),
        ["featvis.entropy"] = ReplicateProxyStats.Combine([Network(-0.5, false), Network(-0.2, false, 1), Network(0.1, false)]),
        ["lesion.acc_drop"] = Network(1.5, true, 1),
    });

    [Fact]
    public void A_small_document_is_written_exactly_in_the_documented_layout()
    {
        var stats = NetworkProxyStats.Compute([new SubclusterValues(3, [1.0, 2.0, 3.0]), new SubclusterValues(0, [1.0, 1.0, 1.0])], true);
        var document = new StatsDocument(new Dictionary<string, ProxyStats> { ["lesion.acc_drop"] = stats });
        // r = 0 + ½ (tie) → p′ = 1/4; r = 3 → p′ = 7/8; F = −(ln ¼ + ln ⅞)/2; e = 2·3/5 = 1.2 and 0.
        double f = -(Math.Log(0.25) + Math.Log(0.875)) / 2;
        double p = ChiSquared.Survival(4, 4 * f).P;
        double se = Math.Sqrt(2 * 0.6 * 0.6) / Math.Sqrt(2);
        string expected = string.Join("\n",
            "{",
            "  \"format\": \"localspec.stats/1\",",
            "  \"proxies\": {",
            "    \"lesion.acc_drop\": {",
            "      \"higher_is_more_specialized\": true,",
            "      \"n_subclusters\": 2,",
            $"      \"fisher_statistic\": {R(f)},",
            $"      \"p_value\": {R(p)},",
            "      \"effect\": 0.6,",
            $"      \"effect_se\": {R(se)},",
            "      \"ties\": \"half\",",
            "      \"percentiles\": [0.25,0.875],",
            "      \"effects\": [1.2,0]",
            "    }",
            "  }",
            "}",
            "");
        Assert.Equal(expected, document.ToJson());
    }

    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture).ToLowerInvariant();

    [Fact]
    public void A_replicate_entry_has_the_issue_fields_replicates_count_and_pooled_percentiles()
    {
        var document = Sample();
        using var json = System.Text.Json.JsonDocument.Parse(document.ToJson());
        var entry = json.RootElement.GetProperty("proxies").GetProperty("featvis.entropy");
        var replicates = (ReplicateProxyStats)document.Proxies["featvis.entropy"];
        Assert.Equal(replicates.ReplicateCount, entry.GetProperty("replicates").GetInt32());
        Assert.Equal(replicates.Replicates.SelectMany(r => r.Percentiles), entry.GetProperty("percentiles").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal(replicates.ReplicateCount, entry.GetProperty("networks").GetArrayLength());
        foreach (string field in new[] { "fisher_statistic", "p_value", "effect", "effect_se", "n_subclusters" })
            Assert.True(entry.TryGetProperty(field, out _), field);
    }

    [Fact]
    public void Reading_back_gives_the_same_statistics_and_the_same_bytes()
    {
        var document = Sample();
        string json = document.ToJson();
        var read = StatsDocument.Parse(json);
        Assert.Equal(json, read.ToJson());
        Assert.Equal(["featvis.entropy", "lesion.acc_drop", "lesion.class_range"], read.Proxies.Keys);
        foreach (var (name, original) in document.Proxies)
        {
            var back = read.Proxies[name];
            Assert.Equal(original.GetType(), back.GetType());
            Assert.Equal(original.HigherIsMoreSpecialized, back.HigherIsMoreSpecialized);
            Assert.Equal(original.SubclusterCount, back.SubclusterCount);
            Assert.Equal(original.FisherStatistic, back.FisherStatistic);
            Assert.Equal(original.PValue.P, back.PValue.P);
            Assert.Equal(original.Effect, back.Effect);
        }
        var replicates = (ReplicateProxyStats)read.Proxies["featvis.entropy"];
        var originalReplicates = (ReplicateProxyStats)document.Proxies["featvis.entropy"];
        Assert.Equal(3, replicates.ReplicateCount);
        Assert.Equal(originalReplicates.Bates.MeanP, replicates.Bates.MeanP);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(originalReplicates.Replicates[i].Percentiles, replicates.Replicates[i].Percentiles);
            Assert.Equal(originalReplicates.Replicates[i].Effects, replicates.Replicates[i].Effects);
        }
        // Pooling the replicates read from the file reproduces the combined entry.
        var recombined = ReplicateProxyStats.Combine(replicates.Replicates);
        Assert.Equal(replicates.MeanFisherStatistic, recombined.MeanFisherStatistic);
        Assert.Equal(replicates.PValue.P, recombined.PValue.P);
        Assert.Equal(replicates.Effect, recombined.Effect);
    }

    [Fact]
    public void Output_does_not_depend_on_the_culture_or_on_the_order_proxies_were_added()
    {
        string invariant = Sample().ToJson();
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            var reversed = new StatsDocument(Sample().Proxies.Reverse().ToDictionary());
            Assert.Equal(invariant, reversed.ToJson());
            Assert.Equal(invariant, StatsDocument.Parse(invariant).ToJson());
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void P_values_below_the_double_range_are_written_as_zero_with_their_log10()
    {
        var tiny = NetworkProxyStats.Compute(
            Enumerable.Range(0, 800).Select(_ => new SubclusterValues(100, Enumerable.Range(0, 19).Select(i => (double)i).ToArray())).ToList(), true);
        Assert.Equal(0, tiny.PValue.P);
        var document = new StatsDocument(new Dictionary<string, ProxyStats> { ["featvis.score"] = tiny });
        string json = document.ToJson();
        Assert.Contains("\"p_value\": 0,", json);
        Assert.Contains("\"log10_p_value\": -", json);
        var back = StatsDocument.Parse(json).Proxies["featvis.score"];
        StatsFixture.Relative(tiny.PValue.LnP, back.PValue.LnP, 1e-15, "ln p after the round trip");
        Assert.DoesNotContain("log10_p_value", Sample().ToJson());
        var subnormal = tiny with { Fisher = tiny.Fisher with { PValue = PValue.FromLn(-710) } };
        Assert.True(subnormal.PValue.P > 0);
        string subnormalJson = new StatsDocument(new Dictionary<string, ProxyStats> { ["featvis.score"] = subnormal }).ToJson();
        Assert.Contains("\"p_value\": 0,", subnormalJson);
        StatsFixture.Relative(-710, StatsDocument.Parse(subnormalJson).Proxies["featvis.score"].PValue.LnP, 1e-15, "subnormal ln p");
    }

    [Fact]
    public void Write_is_atomic_and_leaves_an_unchanged_file_alone()
    {
        string directory = Path.Combine(Path.GetTempPath(), "localspec-stats-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            string path = Path.Combine(directory, "stats.json");
            Sample().Write(path);
            Assert.Equal(Sample().ToJson(), File.ReadAllText(path));
            var stamp = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            File.SetLastWriteTimeUtc(path, stamp);
            Sample().Write(path);
            Assert.Equal(stamp, File.GetLastWriteTimeUtc(path));
            Assert.Single(Directory.GetFiles(directory));
            Assert.Equal(Sample().ToJson(), StatsDocument.Read(path).ToJson());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("{", "not valid JSON")]
    [InlineData("[]", "(root): must be an object")]
    [InlineData("{\"format\": \"other/1\", \"proxies\": {}}", "format: must be \"localspec.stats/1\"")]
    [InlineData("{\"format\": \"localspec.stats/1\"}", "proxies: missing")]
    [InlineData("{\"format\": \"localspec.stats/1\", \"proxies\": {}, \"extra\": 1}", "extra: unknown field")]
    public void Malformed_documents_fail_with_one_line_naming_the_file_and_field(string json, string message)
    {
        var e = Assert.Throws<StatsFormatException>(() => StatsDocument.Parse(json, "runs/a/stats.json"));
        Assert.StartsWith("runs/a/stats.json: ", e.Message);
        Assert.Contains(message, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData("\"n_subclusters\": 4", "\"n_subclusters\": 5", "lesion.class_range.percentiles: must be an array of n_subclusters = 5")]
    [InlineData("\"ties\": \"half\"", "\"ties\": \"both\"", "lesion.class_range.ties: must be \"half\" or \"not_more_specialized\"")]
    [InlineData("\"higher_is_more_specialized\": true", "\"higher_is_more_specialized\": 1", "higher_is_more_specialized: must be true or false")]
    [InlineData("\"ties\": \"half\",", "", "lesion.class_range.ties: missing")]
    public void Field_problems_name_the_proxy_and_field(string find, string replace, string message)
    {
        string json = new StatsDocument(new Dictionary<string, ProxyStats> { ["lesion.class_range"] = Network(0.3) }).ToJson();
        Assert.Contains(find, json);
        var e = Assert.Throws<StatsFormatException>(() => StatsDocument.Parse(json.Replace(find, replace), "stats.json"));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Out_of_range_values_are_rejected()
    {
        string json = new StatsDocument(new Dictionary<string, ProxyStats> { ["x"] = Network(0.3) }).ToJson();
        string p = $"\"p_value\": {R(Network(0.3).PValue.P)}";
        Assert.Contains("p_value: must be a number in [0, 1]",
            Assert.Throws<StatsFormatException>(() => StatsDocument.Parse(json.Replace(p, "\"p_value\": 1.5"))).Message);
        Assert.Contains("log10_p_value: is written only for p below the double range",
            Assert.Throws<StatsFormatException>(() => StatsDocument.Parse(json.Replace(p, p + ", \"log10_p_value\": -3"))).Message);
        Assert.Contains("effect_se: must be a number",
            Assert.Throws<StatsFormatException>(() => StatsDocument.Parse(System.Text.RegularExpressions.Regex.Replace(json, "\"effect_se\": [0-9.e-]+", "\"effect_se\": null"))).Message);
    }

    [Fact]
    public void A_missing_file_is_a_one_line_error_naming_it()
    {
        var e = Assert.Throws<StatsFormatException>(() => StatsDocument.Read("/nonexistent/stats.json"));
        Assert.StartsWith("/nonexistent/stats.json: cannot read", e.Message);
    }
}
