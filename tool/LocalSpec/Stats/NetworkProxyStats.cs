namespace LocalSpec.Stats;

/// <summary>One proxy on one network: percentiles, Fisher statistic and p-value, effect measures (METHOD.md §7.1–7.4, 7.7).</summary>
/// <param name="Ties">The tie rule the percentiles were computed with.</param>
/// <param name="Fisher">F and its χ² p-value over the centred percentiles.</param>
/// <param name="Percentiles">Centred percentiles p′ = (r + ½)/(n + 1), one per subcluster, in measurement order; F = −mean(ln p′).</param>
/// <param name="Effects">Effect measures e = 2x/(x + μ), one per subcluster, in the same order (kept so that replicates can be pooled).</param>
public sealed record NetworkProxyStats(
    bool HigherIsMoreSpecialized,
    TieRule Ties,
    FisherResult Fisher,
    EffectSummary Effect,
    IReadOnlyList<double> Percentiles,
    IReadOnlyList<double> Effects)
    : ProxyStats
{
    public override int SubclusterCount => Fisher.Count;

    public override double FisherStatistic => Fisher.Statistic;

    public override PValue PValue => Fisher.PValue;

    /// <summary>The statistics of one network's analysed subclusters for one proxy.</summary>
    public static NetworkProxyStats Compute(IReadOnlyList<SubclusterValues> subclusters, bool higherIsMoreSpecialized, TieRule ties = TieRule.Half)
    {
        // Input validation
        ArgumentNullException.ThrowIfNull(subclusters);
        if (subclusters.Count == 0)
            throw new ArgumentException("no analysed subclusters: the statistics need at least one", nameof(subclusters));

        // Main algorithm
        var percentiles = new double[subclusters.Count];
        var effects = new double[subclusters.Count];
        for (int i = 0; i < subclusters.Count; i++)
        {
            var s = subclusters[i] ?? throw new ArgumentException($"subcluster {i} is null", nameof(subclusters));
            double[] random = s.RandomValues as double[] ?? [.. s.RandomValues];
            try
            {
                percentiles[i] = PercentileRank.Of(s.TrueValue, random, higherIsMoreSpecialized, ties).Centred;
                effects[i] = EffectMeasure.Of(s.TrueValue, random);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"subcluster {i}: {e.Message}", nameof(subclusters), e);
            }
        }
        return new NetworkProxyStats(higherIsMoreSpecialized, ties, FisherMethod.Combine(percentiles), EffectSummary.Of(effects), percentiles, effects);
    }
}
