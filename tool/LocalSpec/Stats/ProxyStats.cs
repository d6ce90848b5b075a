namespace LocalSpec.Stats;

/// <summary>
/// The statistics of one proxy, for one network (<see cref="NetworkProxyStats"/>) or a set of
/// replicates (<see cref="ReplicateProxyStats"/>): what a row cell of the paper's Tables 1, 2, 7 and 8 shows.
/// </summary>
/// <param name="HigherIsMoreSpecialized">The proxy's orientation (METHOD.md §6; false only for softmax entropy).</param>
/// <param name="SubclusterCount">Subclusters analysed (summed over replicates).</param>
/// <param name="FisherStatistic">F of the network, or the mean of F over the replicates.</param>
/// <param name="PValue">The network's Fisher p-value, or the replicates' Bates p-value.</param>
/// <param name="Effect">Effect measure mean ± SE over all subclusters (of all replicates).</param>
public abstract record ProxyStats(bool HigherIsMoreSpecialized, int SubclusterCount, double FisherStatistic, PValue PValue, EffectSummary Effect)
{
    /// <summary>The bold rule of Table 2 (<see cref="EffectSummary.IsMoreSpecializedThanRandom"/>) in this proxy's orientation.</summary>
    public bool EffectIsMoreSpecializedThanRandom => Effect.IsMoreSpecializedThanRandom(HigherIsMoreSpecialized);
}
