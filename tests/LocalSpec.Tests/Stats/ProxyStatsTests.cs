using System.Text.Json;
using LocalSpec.Stats;

namespace LocalSpec.Tests.Stats;

public sealed class ProxyStatsTests
{
    private static IEnumerable<(JsonElement Case, bool Higher, TieRule Ties, List<List<SubclusterValues>> Networks)> Cases()
    {
        foreach (var c in StatsFixture.Load("network_summary.json").GetProperty("cases").EnumerateArray())
        {
            bool higher = c.GetProperty("higher_is_more_specialized").GetBoolean();
            var ties = c.GetProperty("ties").GetString() == "half" ? TieRule.Half : TieRule.NotMoreSpecialized;
            var networks = c.GetProperty("networks").EnumerateArray()
                .Select(n => n.EnumerateArray()
                    .Select(s => new SubclusterValues(s.GetProperty("true").GetDouble(), s.GetProperty("random").Doubles()))
                    .ToList())
                .ToList();
            yield return (c, higher, ties, networks);
        }
    }

    [Fact]
    public void One_network_matches_the_independent_python_computation()
    {
        foreach (var (c, higher, ties, networks) in Cases())
        {
            var expected = c.GetProperty("per_network").EnumerateArray().ToArray();
            for (int i = 0; i < networks.Count; i++)
            {
                string what = $"{(higher ? "higher" : "lower")}/{ties} network {i}";
                var stats = NetworkProxyStats.Compute(networks[i], higher, ties);
                var e = expected[i];
                Assert.Equal(networks[i].Count, stats.SubclusterCount);
                Assert.Equal(e.GetProperty("centred").Doubles(), stats.Percentiles);
                double[] effects = e.GetProperty("effects").Doubles();
                for (int j = 0; j < effects.Length; j++) StatsFixture.Relative(effects[j], stats.Effects[j], 1e-15, $"{what} effect {j}");
                StatsFixture.Relative(e.GetProperty("fisher_statistic").GetDouble(), stats.FisherStatistic, 1e-14, $"{what} F");
                StatsFixture.Probability(e.GetProperty("p").GetDouble(), e.GetProperty("ln_p").GetDouble(), stats.PValue, 1e-12, what);
                StatsFixture.Relative(e.GetProperty("effect").GetDouble(), stats.Effect.Mean, 1e-14, $"{what} effect mean");
                StatsFixture.Relative(e.GetProperty("effect_se").GetDouble(), stats.Effect.StandardError!.Value, 1e-13, $"{what} effect SE");
            }
        }
    }

    [Fact]
    public void Replicates_match_the_independent_python_computation()
    {
        foreach (var (c, higher, ties, networks) in Cases())
        {
            string what = $"{(higher ? "higher" : "lower")}/{ties}";
            var combined = ReplicateProxyStats.Combine(networks.Select(n => NetworkProxyStats.Compute(n, higher, ties)).ToList());
            var e = c.GetProperty("replicates");
            Assert.Equal(networks.Count, combined.ReplicateCount);
            Assert.Equal(networks.Sum(n => n.Count), combined.SubclusterCount);
            StatsFixture.Relative(e.GetProperty("mean_fisher_statistic").GetDouble(), combined.MeanFisherStatistic, 1e-14, $"{what} mean F");
            var bates = e.GetProperty("bates");
            // The reference sums the mpmath p-values exactly; ours are within 1e-12 of those, which the
            // Irwin–Hall CDF passes on scaled by at most R (its relative sensitivity to each p).
            StatsFixture.Probability(bates.GetProperty("p").GetDouble(), bates.GetProperty("ln").GetDouble(), combined.PValue, 5e-12, $"{what} Bates");
            StatsFixture.Relative(e.GetProperty("effect").GetDouble(), combined.Effect.Mean, 1e-14, $"{what} pooled effect");
            StatsFixture.Relative(e.GetProperty("effect_se").GetDouble(), combined.Effect.StandardError!.Value, 1e-13, $"{what} pooled SE");
        }
    }

    [Fact]
    public void The_code_tie_rule_makes_a_network_look_more_specialized()
    {
        foreach (var (_, higher, _, networks) in Cases())
        {
            var paper = NetworkProxyStats.Compute(networks[0], higher, TieRule.Half);
            var code = NetworkProxyStats.Compute(networks[0], higher, TieRule.NotMoreSpecialized);
            Assert.True(code.FisherStatistic > paper.FisherStatistic);
            Assert.True(code.PValue.P < paper.PValue.P);
        }
    }

    [Fact]
    public void Errors_name_the_subcluster_and_empty_input_is_rejected()
    {
        Assert.Contains("no analysed subclusters", Assert.Throws<ArgumentException>(() => NetworkProxyStats.Compute([], true)).Message);
        var bad = new[] { new SubclusterValues(1, [1.0, 2.0]), new SubclusterValues(1, []) };
        Assert.Contains("subcluster 1", Assert.Throws<ArgumentException>(() => NetworkProxyStats.Compute(bad, true)).Message);
        Assert.Contains("no replicates", Assert.Throws<ArgumentException>(() => ReplicateProxyStats.Combine([])).Message);
    }

    [Fact]
    public void Replicates_with_different_orientations_or_tie_rules_are_rejected()
    {
        SubclusterValues[] values = [new(1, [0.0, 2.0]), new(3, [1.0, 2.0])];
        var higher = NetworkProxyStats.Compute(values, true);
        var lower = NetworkProxyStats.Compute(values, false);
        var code = NetworkProxyStats.Compute(values, true, TieRule.NotMoreSpecialized);
        Assert.Contains("orientation", Assert.Throws<ArgumentException>(() => ReplicateProxyStats.Combine([higher, lower])).Message);
        Assert.Contains("tie rule", Assert.Throws<ArgumentException>(() => ReplicateProxyStats.Combine([higher, code])).Message);
    }

    [Fact]
    public void A_single_subcluster_network_gives_p_equal_to_its_centred_percentile()
    {
        var stats = NetworkProxyStats.Compute([new SubclusterValues(5, Enumerable.Range(0, 19).Select(i => (double)i).ToArray())], true);
        Assert.Equal(1, stats.SubclusterCount);
        // 13 of 0..18 exceed 5 and one ties: r = 13.5, p′ = (13.5 + ½)/20 = 0.7.
        Assert.Equal(0.7, stats.Percentiles[0], 15);
        StatsFixture.Relative(0.7, stats.PValue.P, 1e-15, "p");
        Assert.Null(stats.Effect.StandardError);
    }
}
