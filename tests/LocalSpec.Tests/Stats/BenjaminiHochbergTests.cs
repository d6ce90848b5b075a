using LocalSpec.Stats;

namespace LocalSpec.Tests.Stats;

public sealed class BenjaminiHochbergTests
{
    [Fact]
    public void The_worked_example_of_Benjamini_and_Hochberg_1995_rejects_the_first_four_at_0_05()
    {
        // Benjamini & Hochberg (1995), section 4: 15 p-values from Neuhaus et al. (1992).
        double[] p = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.000];
        var result = BenjaminiHochberg.Apply(p);
        Assert.Equal(0.0095, result.CriticalP);
        Assert.Equal(4, result.SignificantCount);
        Assert.Equal([true, true, true, true], result.Significant.Take(4));
        // The adjusted values printed in scipy.stats.false_discovery_control's docstring (8 significant digits).
        double[] printed = StatsFixture.Load("benjamini_hochberg.json").GetProperty("bh1995_scipy_docstring_adjusted").Doubles();
        for (int i = 0; i < p.Length; i++) Assert.True(Math.Abs(printed[i] - result.AdjustedP[i]) < 5e-9, $"adjusted[{i}]");
    }

    [Fact]
    public void Critical_value_significance_and_adjusted_p_match_the_reference_cases()
    {
        foreach (var c in StatsFixture.Load("benjamini_hochberg.json").GetProperty("cases").EnumerateArray())
        {
            string name = c.GetProperty("name").GetString()!;
            double[] p = c.GetProperty("p").Doubles();
            var result = BenjaminiHochberg.Apply(p, c.GetProperty("alpha").GetDouble());
            Assert.True(c.GetProperty("critical_p").NullableDouble() == result.CriticalP, $"{name}: critical {result.CriticalP}");
            Assert.Equal(c.GetProperty("significant").EnumerateArray().Select(e => e.GetBoolean()), result.Significant);
            // Same operations in the same order as scipy (p·(m/j), reversed running minimum, clip): exact.
            Assert.Equal(c.GetProperty("adjusted").Doubles(), result.AdjustedP);
            Assert.Equal(result.AdjustedP, BenjaminiHochberg.Adjust(p));
        }
    }

    [Fact]
    public void Significance_agrees_with_adjusted_p_at_most_alpha()
    {
        var rng = new LocalSpec.Numerics.Rng(21);
        for (int trial = 0; trial < 300; trial++)
        {
            double[] p = Enumerable.Range(0, 1 + rng.NextInt(30)).Select(_ => Math.Pow(rng.NextDouble(), 1 + 3 * rng.NextDouble())).ToArray();
            var result = BenjaminiHochberg.Apply(p);
            for (int i = 0; i < p.Length; i++)
                Assert.Equal(result.AdjustedP[i] <= 0.05, result.Significant[i]);
        }
    }

    [Fact]
    public void Nothing_is_significant_when_no_p_value_meets_its_threshold()
    {
        var result = BenjaminiHochberg.Apply([0.2, 0.5, 0.06, 0.9]);
        Assert.Null(result.CriticalP);
        Assert.Equal(0, result.SignificantCount);
    }

    [Fact]
    public void Empty_tables_bad_p_values_and_bad_alpha_are_rejected()
    {
        Assert.Contains("table is empty", Assert.Throws<ArgumentException>(() => BenjaminiHochberg.Apply([])).Message);
        Assert.Contains("p-value 2", Assert.Throws<ArgumentOutOfRangeException>(() => BenjaminiHochberg.Apply([0.1, 0.2, -0.1])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => BenjaminiHochberg.Apply([double.NaN]));
        Assert.Throws<ArgumentOutOfRangeException>(() => BenjaminiHochberg.Apply([0.1], alpha: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => BenjaminiHochberg.Apply([0.1], alpha: 1));
    }
}
