namespace LocalSpec.Stats;

/// <summary>
/// The statistics of one proxy, for one network (<see cref="NetworkProxyStats"/>) or a set of
/// replicates (<see cref="ReplicateProxyStats"/>): what a cell of the paper's Tables 1, 2, 7 and 8
/// shows. The members are derived from each kind's own fields, so a `with` copy stays consistent.
/// </summary>
public abstract record ProxyStats
{
    /// <summary>The proxy's orientation (METHOD.md §6; false only for softmax entropy).</summary>
    public abstract bool HigherIsMoreSpecialized { get; init; }

    /// <summary>Subclusters analysed (summed over replicates).</summary>
    public abstract int SubclusterCount { get; }

    /// <summary>F of the network, or the mean of F over the replicates.</summary>
    public abstract double FisherStatistic { get; }

    /// <summary>The network's Fisher p-value, or the replicates' Bates p-value.</summary>
    public abstract PValue PValue { get; }

    /// <summary>Effect measure mean ± SE over all subclusters (of all replicates).</summary>
    public abstract EffectSummary Effect { get; init; }

    /// <summary>The bold rule of Table 2 (<see cref="EffectSummary.IsMoreSpecializedThanRandom"/>) in this proxy's orientation.</summary>
    public bool EffectIsMoreSpecializedThanRandom => Effect.IsMoreSpecializedThanRandom(HigherIsMoreSpecialized);
}
