namespace LocalSpec.Stats;

/// <summary>One proxy over R replicate networks of the same setup (METHOD.md §7.5, 7.7).</summary>
/// <param name="MeanFisherStatistic">The mean of the replicates' F (the number the paper's Table 1 shows).</param>
/// <param name="Bates">The Bates combination of the replicates' Fisher p-values.</param>
/// <param name="Effect">Effect measure mean ± SE over all subclusters of all replicates.</param>
/// <param name="Replicates">The per-network statistics, in replicate order.</param>
public sealed record ReplicateProxyStats(
    bool HigherIsMoreSpecialized,
    double MeanFisherStatistic,
    BatesResult Bates,
    EffectSummary Effect,
    IReadOnlyList<NetworkProxyStats> Replicates)
    : ProxyStats
{
    public override int SubclusterCount => Effect.Count;

    public override double FisherStatistic => MeanFisherStatistic;

    public override PValue PValue => Bates.PValue;

    public int ReplicateCount => Replicates.Count;

    public static ReplicateProxyStats Combine(IReadOnlyList<NetworkProxyStats> replicates)
    {
        // Input validation
        ArgumentNullException.ThrowIfNull(replicates);
        if (replicates.Count == 0)
            throw new ArgumentException("no replicates to combine", nameof(replicates));
        bool higher = replicates[0].HigherIsMoreSpecialized;
        for (int i = 1; i < replicates.Count; i++)
        {
            if (replicates[i].HigherIsMoreSpecialized != higher)
                throw new ArgumentException($"replicate {i} has the opposite orientation (higher_is_more_specialized) from replicate 0", nameof(replicates));
            if (replicates[i].Ties != replicates[0].Ties)
                throw new ArgumentException($"replicate {i} used tie rule {replicates[i].Ties}, replicate 0 {replicates[0].Ties}", nameof(replicates));
        }

        // Main algorithm
        double sumF = 0;
        var pValues = new PValue[replicates.Count];
        var effects = new List<double>();
        for (int i = 0; i < replicates.Count; i++)
        {
            sumF += replicates[i].Fisher.Statistic;
            pValues[i] = replicates[i].Fisher.PValue;
            effects.AddRange(replicates[i].Effects);
        }
        return new ReplicateProxyStats(higher, sumF / replicates.Count, BatesTest.Combine(pValues),
            EffectSummary.Of(effects.ToArray()), replicates);
    }
}
