using LocalSpec.Measures;
using LocalSpec.Numerics;
using LocalSpec.Stats;

namespace LocalSpec.Tests.Measures;

/// <summary>Random controls (METHOD.md §5): uniform, independent draws without replacement from the live units, fixed by the seed.</summary>
public sealed class RandomControlsTests
{
    private static readonly int[] Live = [.. Enumerable.Range(0, 40).Where(u => u % 7 != 3)]; // units 3, 10, 17, ... are dead

    [Fact]
    public void The_same_seed_gives_the_same_draws_whatever_order_the_subclusters_are_processed_in()
    {
        var first = new[] { (0, 5), (2, 1), (2, 3) }.Select(lc => RandomControls.Draw(new Rng(7), lc.Item1, lc.Item2, Live, 6)).ToArray();
        var root = new Rng(7);
        var reversed = new[] { (2, 3), (2, 1), (0, 5) }.Select(lc => RandomControls.Draw(root, lc.Item1, lc.Item2, Live, 6)).Reverse().ToArray();
        Assert.Equal(first, reversed);
        Assert.Equal(19, first[0].Length);
        Assert.NotEqual(first[1], first[2]);
        Assert.NotEqual(first[0], RandomControls.Draw(new Rng(8), 0, 5, Live, 6));
    }

    [Fact]
    public void Each_draw_is_a_sorted_set_of_distinct_live_units_of_the_requested_size()
    {
        foreach (int size in new[] { 0, 1, 9, Live.Length })
        {
            foreach (var set in RandomControls.Draw(new Rng(3), Live, size, 50))
            {
                Assert.Equal(size, set.Length);
                Assert.Equal(set.Order(), set);
                Assert.Equal(size, set.Distinct().Count());
                Assert.All(set, u => Assert.Contains(u, Live));
            }
        }
    }

    /// <summary>Every one of the C(6, 3) = 20 subsets of 6 live units is equally likely (χ² over the 20 subsets).</summary>
    [Fact]
    public void Every_subset_of_the_live_units_is_equally_likely()
    {
        int[] live = [2, 5, 6, 11, 12, 30];
        const int draws = 20_000;
        var counts = new Dictionary<string, int>();
        foreach (var set in RandomControls.Draw(new Rng(11), live, 3, draws))
            counts[string.Join(",", set)] = counts.GetValueOrDefault(string.Join(",", set)) + 1;
        Assert.Equal(20, counts.Count);
        // 20 cells → 19 degrees of freedom; ChiSquared takes even ν, and P(χ²₁₈ ≥ x) ≥ P(χ²₁₉ ≥ x) only errs towards failing.
        double expected = draws / 20.0, chi2 = counts.Values.Sum(c => (c - expected) * (c - expected) / expected);
        Assert.True(ChiSquared.Survival(18, chi2).P > 1e-3, $"χ² = {chi2:F1} over 20 subsets");
    }

    [Fact]
    public void Each_live_unit_is_picked_equally_often_and_dead_units_never()
    {
        const int draws = 6_000, size = 5;
        var counts = new int[40];
        foreach (var set in RandomControls.Draw(new Rng(12), Live, size, draws))
            foreach (int u in set) counts[u]++;
        Assert.All(Enumerable.Range(0, 40).Where(u => !Live.Contains(u)), u => Assert.Equal(0, counts[u]));
        double expected = (double)draws * size / Live.Length; // 34 live units: 33 degrees of freedom, tested as 32 (errs towards failing)
        double chi2 = Live.Sum(u => (counts[u] - expected) * (counts[u] - expected) / expected);
        Assert.True(ChiSquared.Survival(32, chi2).P > 1e-3, $"χ² = {chi2:F1} over {Live.Length} units");
    }

    /// <summary>Independent draws: the overlap of consecutive sets is hypergeometric, |A ∩ B| ~ H(N = 34, K = 8, n = 8).</summary>
    [Fact]
    public void Consecutive_draws_overlap_as_independent_draws_do()
    {
        const int draws = 8_001, size = 8, n = 34;
        var sets = RandomControls.Draw(new Rng(13), Live, size, draws);
        var observed = new int[size + 1];
        for (int d = 1; d < draws; d++) observed[sets[d].Intersect(sets[d - 1]).Count()]++;
        // pmf(k) = C(8, k) C(26, 8 − k) / C(34, 8); pool k ≥ 5 into one cell (expected counts below 5 otherwise)
        double[] pmf = [.. Enumerable.Range(0, size + 1).Select(k => Choose(size, k) * Choose(n - size, size - k) / Choose(n, size))];
        double[] expected = [.. pmf.Take(5).Select(p => p * (draws - 1)), pmf.Skip(5).Sum() * (draws - 1)];
        int[] cells = [.. observed.Take(5), observed.Skip(5).Sum()];
        double chi2 = cells.Select((o, k) => (o - expected[k]) * (o - expected[k]) / expected[k]).Sum();
        Assert.True(ChiSquared.Survival(4, chi2).P > 1e-3, $"χ² = {chi2:F1}: overlaps {string.Join(" ", observed)}"); // 6 cells, 5 df, tested as 4
    }

    [Fact]
    public void Impossible_draws_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RandomControls.Draw(new Rng(1), Live, Live.Length + 1));
        Assert.Throws<ArgumentException>(() => RandomControls.Draw(new Rng(1), [1, 2, 2], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => RandomControls.Stream(new Rng(1), 0, -1));
    }

    private static double Choose(int n, int k)
    {
        double c = 1;
        for (int i = 0; i < k; i++) c = c * (n - i) / (i + 1);
        return c;
    }
}
