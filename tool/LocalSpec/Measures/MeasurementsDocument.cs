namespace LocalSpec.Measures;

/// <summary>
/// The measure stage's result, the content of <c>measurements.json</c> (<see cref="MeasurementsFile"/>):
/// per proxy, per analysed subcluster, the true value and the values of its random controls.
/// <see cref="Proxies"/> is all the stats stage needs; the other members record how the values were
/// made and are optional (null when unknown, e.g. in a file written by hand).
/// </summary>
/// <param name="Proxies">Proxy name (<see cref="MeasureProxies.Name"/>, or any other name for a proxy measured elsewhere) → its measurements.</param>
public sealed record MeasurementsDocument(IReadOnlyDictionary<string, ProxyMeasurements> Proxies)
{
    /// <summary>Root seed of the random controls and of the feature visualizations.</summary>
    public ulong? Seed { get; init; }

    /// <summary>Random controls per subcluster (<c>random_subclusters</c>).</summary>
    public int? RandomSubclusters { get; init; }

    public MeasurementSources? Sources { get; init; }

    /// <summary>Present when lesion proxies were measured.</summary>
    public LesionBaseline? Lesion { get; init; }

    /// <summary>Present when feature-visualization proxies were measured: the settings that shape the images (its seed is <see cref="Seed"/>).</summary>
    public FeatureVisOptions? FeatureVis { get; init; }

    /// <summary>The random unit sets of every analysed subcluster, in the order of the proxies' subclusters.</summary>
    public IReadOnlyList<SubclusterControls>? Controls { get; init; }

    /// <summary>The measurements of a proxy, or null when the document has none.</summary>
    public ProxyMeasurements? Of(MeasureProxy proxy) => Proxies.GetValueOrDefault(MeasureProxies.Name(proxy));
}
