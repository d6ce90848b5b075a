using LocalSpec.Numerics;
using LocalSpec.Stats;

namespace LocalSpec.Tests.Stats;

/// <summary>
/// The statistics under the null: true and random subcluster values drawn iid from a continuous
/// distribution (seeded), many networks. Each check is a Kolmogorov–Smirnov test at a fixed seed
/// with the threshold at α = 0.001: a correct implementation fails it for one seed in a thousand,
/// and the seed is fixed, so the outcome is deterministic.
///
/// What "uniform" can mean here: the centred percentile p′ takes only the 20 values 0.025, …,
/// 0.975, so −2 ln p′ is not exactly χ²₂ and the per-network Fisher p is not exactly uniform: it
/// is conservative (the null mean of F is 0.983, not 1; the paper's footnote 5). A simulation of
/// 200 000 networks (numpy, m = 16) puts its KS distance from uniform at 0.029 and P(p ≤ 0.05) at
/// 0.031. So the tests check (1) exact uniformity where it holds — continuous percentiles, and the
/// Bates p of uniform p-values — (2) the exact discrete null of F for small m by enumeration, and
/// (3) that the full pipeline is never anti-conservative.
/// </summary>
public sealed class NullSimulationTests
{
    private const double Alpha = 0.001;
    private const int RandomCount = 19;

    private static NetworkProxyStats NullNetwork(Rng rng, int m, bool higher = true)
    {
        var subclusters = new SubclusterValues[m];
        for (int i = 0; i < m; i++)
        {
            double truth = rng.NextGaussian();
            double[] random = new double[RandomCount];
            for (int j = 0; j < RandomCount; j++) random[j] = rng.NextGaussian();
            subclusters[i] = new SubclusterValues(truth, random);
        }
        return NetworkProxyStats.Compute(subclusters, higher);
    }

    [Fact]
    public void Fisher_p_values_of_continuous_uniform_percentiles_are_uniform()
    {
        var rng = new Rng(1001);
        const int networks = 4000, m = 16;
        var p = new double[networks];
        var percentiles = new double[m];
        for (int i = 0; i < networks; i++)
        {
            for (int j = 0; j < m; j++) percentiles[j] = 1 - rng.NextDouble();   // (0, 1]
            p[i] = FisherMethod.Combine(percentiles).PValue.P;
        }
        var (d, _) = KolmogorovSmirnov.Distance(p, t => t);
        Assert.True(d < KolmogorovSmirnov.Critical(Alpha, networks), $"KS distance {d:F4} ≥ {KolmogorovSmirnov.Critical(Alpha, networks):F4}");
    }

    [Theory]
    [InlineData(2, true)]
    [InlineData(3, false)]
    public void Fisher_statistic_of_null_networks_follows_its_exact_discrete_distribution(int m, bool higher)
    {
        // Under the null the m ranks are iid uniform on {0, …, 19}: enumerate all 20^m outcomes.
        // F is computed from the sorted centred percentiles on both sides so that equal multisets give equal bits.
        var outcomes = new List<double>();
        var ranks = new int[m];
        for (int code = 0; code < (int)Math.Pow(RandomCount + 1, m); code++)
        {
            for (int j = 0, c = code; j < m; j++, c /= RandomCount + 1) ranks[j] = c % (RandomCount + 1);
            outcomes.Add(SortedFisher(ranks.Select(r => (r + 0.5) / (RandomCount + 1))));
        }

        var rng = new Rng(1002);
        const int networks = 4000;
        var sample = new double[networks];
        for (int i = 0; i < networks; i++)
        {
            var stats = NullNetwork(rng, m, higher);
            sample[i] = SortedFisher(stats.Percentiles);
            Assert.True(Math.Abs(sample[i] - stats.FisherStatistic) < 1e-14);
        }
        double d = KolmogorovSmirnov.DistanceToEnumeration(sample, [.. outcomes]);
        // For a discrete null the continuous KS threshold is conservative.
        Assert.True(d < KolmogorovSmirnov.Critical(Alpha, networks), $"KS distance {d:F4}");
        Assert.Equal(FisherResult.NullMean(RandomCount), outcomes.Average(), 12);
    }

    private static double SortedFisher(IEnumerable<double> centred) => FisherMethod.Combine([.. centred.Order()]).Statistic;

    [Fact]
    public void Per_network_p_values_under_the_null_are_close_to_uniform_and_never_anti_conservative()
    {
        var rng = new Rng(1003);
        const int networks = 4000, m = 16;
        double[] p = Enumerable.Range(0, networks).Select(_ => NullNetwork(rng, m).PValue.P).ToArray();
        var (d, dPlus) = KolmogorovSmirnov.Distance(p, t => t);
        // D⁺ > 0 would mean small p-values come too often: a valid test must pass the one-sided KS.
        Assert.True(dPlus < KolmogorovSmirnov.CriticalOneSided(Alpha, networks), $"D⁺ = {dPlus:F4}");
        Assert.True(p.Count(v => v <= 0.05) <= 0.05 * networks, $"{p.Count(v => v <= 0.05)} of {networks} at p ≤ 0.05");
        // Two-sided: the discreteness deviation (≈ 0.029, see above) plus sampling noise.
        Assert.True(d < 0.029 + KolmogorovSmirnov.Critical(Alpha, networks), $"D = {d:F4}");
    }

    [Fact]
    public void Bates_p_of_five_uniform_p_values_is_uniform()
    {
        var rng = new Rng(1004);
        const int sets = 4000;
        var p = new double[sets];
        var values = new double[5];
        for (int i = 0; i < sets; i++)
        {
            for (int j = 0; j < 5; j++) values[j] = rng.NextDouble();
            p[i] = BatesTest.Combine(values).PValue.P;
        }
        var (d, _) = KolmogorovSmirnov.Distance(p, t => t);
        Assert.True(d < KolmogorovSmirnov.Critical(Alpha, sets), $"KS distance {d:F4}");
    }

    [Fact]
    public void Bates_p_over_five_null_networks_is_never_anti_conservative()
    {
        var rng = new Rng(1005);
        const int sets = 1000, m = 16;
        var p = new double[sets];
        for (int i = 0; i < sets; i++)
        {
            var replicates = Enumerable.Range(0, 5).Select(_ => NullNetwork(rng, m)).ToList();
            p[i] = ReplicateProxyStats.Combine(replicates).PValue.P;
        }
        var (_, dPlus) = KolmogorovSmirnov.Distance(p, t => t);
        Assert.True(dPlus < KolmogorovSmirnov.CriticalOneSided(Alpha, sets), $"D⁺ = {dPlus:F4}");
    }

    [Fact]
    public void Effect_measure_under_the_null_is_below_one_by_Jensen()
    {
        // e = 2x/(x + μ) is concave in x, so under the null E[e] < 1 (≈ 1 − CV²/4 for small
        // dispersion). With x ~ U(1, 2) and μ held at exactly 1.5, E[e] = 2 − 3 ln(3.5/2.5) = 0.99058.
        // For softmax entropy, where e < 1 counts as more coherent, this bias points toward specialization.
        var rng = new Rng(1006);
        double[] random = [.. Enumerable.Range(-9, 19).Select(k => 1.5 + 0.05 * k)];
        Assert.Equal(RandomCount, random.Length);
        Assert.Equal(1.5, random.Average(), 14);
        var effects = new double[20000];
        for (int i = 0; i < effects.Length; i++) effects[i] = EffectMeasure.Of(1 + rng.NextDouble(), random);
        var summary = EffectSummary.Of(effects);
        double expected = 2 - 3 * Math.Log(3.5 / 2.5);
        double se = summary.StandardError!.Value;
        Assert.True(Math.Abs(summary.Mean - expected) < 4 * se, $"{summary.Mean} ± {se}, expected {expected}");
        Assert.True(summary.Mean < 1 - 4 * se, $"{summary.Mean} ± {se}: the null bias should be visible");
    }
}
