namespace LocalSpec.Measures;

/// <summary>Settings of <see cref="Measurement.Run"/> (the measure stage; METHOD.md §5–§6). Every default is the paper's.</summary>
public sealed record MeasureOptions
{
    /// <summary>The proxies to measure (see <see cref="MeasureProxies.Parse"/>); only the families they belong to are computed.</summary>
    public IReadOnlyList<MeasureProxy> Proxies { get; init; } = MeasureProxies.All;

    /// <summary><c>random_subclusters</c>: random controls per analysed subcluster.</summary>
    public int RandomSubclusters { get; init; } = RandomControls.DefaultCount;

    /// <summary>Root of every random choice: the controls (<see cref="RandomControls.Stream"/>) and the feature visualizations.</summary>
    public ulong Seed { get; init; }

    /// <summary>Lesion settings; <see cref="LesionOptions.Accuracy"/> (overall | balanced) is the only one that changes a value.</summary>
    public LesionOptions Lesion { get; init; } = new();

    /// <summary>Feature-visualization settings; its <see cref="FeatureVisOptions.Seed"/> is replaced by <see cref="Seed"/>.</summary>
    public FeatureVisOptions FeatureVis { get; init; } = new();

    /// <summary>Recorded in the document (hashes of the model and partition files, data set name); never used to compute.</summary>
    public MeasurementSources? Sources { get; init; }

    /// <summary>Keep the feature-visualization images for <see cref="MeasurementResult.Figures"/> (true; false saves their memory).</summary>
    public bool KeepImages { get; init; } = true;

    public bool Measures(MeasureProxyFamily family) => Proxies.Any(p => MeasureProxies.Family(p) == family);

    internal void Validate()
    {
        if (Proxies is null || Proxies.Count == 0) throw new ArgumentException("No proxies to measure.", nameof(Proxies));
        foreach (var p in Proxies)
            if (!Enum.IsDefined(p)) throw new ArgumentOutOfRangeException(nameof(Proxies), p, "Unknown proxy.");
        if (RandomSubclusters < 1)
            throw new ArgumentOutOfRangeException(nameof(RandomSubclusters), $"There must be at least one random control per subcluster (got {RandomSubclusters}).");
        ArgumentNullException.ThrowIfNull(Lesion, nameof(Lesion));
        ArgumentNullException.ThrowIfNull(FeatureVis, nameof(FeatureVis));
        Lesion.Validate();
        FeatureVis.Validate();
    }
}
