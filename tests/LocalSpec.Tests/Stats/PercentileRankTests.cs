using LocalSpec.Stats;

namespace LocalSpec.Tests.Stats;

public sealed class PercentileRankTests
{
    [Fact]
    public void Ranks_match_the_reference_cases_for_both_tie_rules_and_orientations()
    {
        int cases = 0;
        foreach (var c in StatsFixture.Load("fisher.json").GetProperty("percentiles").EnumerateArray())
        {
            double truth = c.GetProperty("true").GetDouble();
            double[] random = c.GetProperty("random").Doubles();
            bool higher = c.GetProperty("higher_is_more_specialized").GetBoolean();
            string name = c.GetProperty("name").GetString()!;
            foreach (var (rule, key) in new[] { (TieRule.Half, "half"), (TieRule.NotMoreSpecialized, "not_more_specialized") })
            {
                var expected = c.GetProperty(key);
                var rank = PercentileRank.Of(truth, random, higher, rule);
                Assert.Equal(expected.GetProperty("rank").GetDouble(), rank.Rank);
                Assert.Equal(random.Length, rank.RandomCount);
                StatsFixture.Relative(expected.GetProperty("p").GetDouble(), rank.Percentile, 1e-15, $"{name} ({key}) p");
                StatsFixture.Relative(expected.GetProperty("centred").GetDouble(), rank.Centred, 1e-15, $"{name} ({key}) p′");
            }
            cases++;
        }
        Assert.True(cases >= 10);
    }

    [Fact]
    public void The_best_and_worst_ranks_for_19_random_values_centre_to_0_025_and_0_975()
    {
        double[] random = Enumerable.Range(1, 19).Select(i => (double)i).ToArray();
        Assert.Equal(0.025, PercentileRank.Of(100, random, higherIsMoreSpecialized: true).Centred, 15);
        Assert.Equal(0.975, PercentileRank.Of(0, random, higherIsMoreSpecialized: true).Centred, 15);
        Assert.Equal(0.05, PercentileRank.Of(100, random, higherIsMoreSpecialized: true).Percentile, 15);
        Assert.Equal(1.0, PercentileRank.Of(0, random, higherIsMoreSpecialized: true).Percentile, 15);
    }

    [Fact]
    public void Entropy_orientation_ranks_a_low_true_value_as_most_specialized()
    {
        double[] random = [1.0, 2.0, 3.0];
        Assert.Equal(0, PercentileRank.Of(0.5, random, higherIsMoreSpecialized: false).Rank);
        Assert.Equal(3, PercentileRank.Of(0.5, random, higherIsMoreSpecialized: true).Rank);
    }

    [Fact]
    public void All_ties_sit_in_the_middle_with_the_paper_rule_but_at_the_top_with_the_code_rule()
    {
        double[] zeros = new double[19];
        var half = PercentileRank.Of(0, zeros, higherIsMoreSpecialized: true);
        var code = PercentileRank.Of(0, zeros, higherIsMoreSpecialized: true, TieRule.NotMoreSpecialized);
        Assert.Equal(9.5, half.Rank);
        Assert.Equal(0.5, half.Centred, 15);
        Assert.Equal(0, code.Rank);
        Assert.Equal(0.025, code.Centred, 15);
    }

    [Fact]
    public void The_code_rule_never_ranks_worse_than_the_paper_rule()
    {
        var rng = new LocalSpec.Numerics.Rng(17);
        for (int trial = 0; trial < 500; trial++)
        {
            double[] random = Enumerable.Range(0, 19).Select(_ => (double)rng.NextInt(5)).ToArray();
            double truth = rng.NextInt(5);
            bool higher = rng.NextInt(2) == 0;
            var half = PercentileRank.Of(truth, random, higher);
            var code = PercentileRank.Of(truth, random, higher, TieRule.NotMoreSpecialized);
            Assert.True(code.Rank <= half.Rank);
            Assert.InRange(half.Centred, 0.025, 0.975);
        }
    }

    [Fact]
    public void Empty_or_non_finite_input_is_rejected_with_a_clear_message()
    {
        Assert.Contains("at least one random value", Assert.Throws<ArgumentException>(() => PercentileRank.Of(1, [], true)).Message);
        Assert.Contains("random value 1", Assert.Throws<ArgumentException>(() => PercentileRank.Of(1, [0.0, double.NaN], true)).Message);
        Assert.Contains("true value", Assert.Throws<ArgumentException>(() => PercentileRank.Of(double.PositiveInfinity, [0.0], true)).Message);
    }
}
