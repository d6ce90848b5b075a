using LocalSpec.Measures;

namespace LocalSpec.Pipeline;

/// <summary>
/// The manifest's <c>measures</c>, defaults resolved. <see cref="Proxies"/> holds proxy names only
/// (families expanded), in <see cref="ProxyNames.All"/> order.
/// </summary>
public sealed record MeasuresSection(IReadOnlyList<string> Proxies, int RandomSubclusters, LesionAccuracy Accuracy, ulong Seed,
    FeatureVisSection FeatureVis)
{
    private readonly IReadOnlyList<string> _proxies = ValueList<string>.Of(Proxies);

    public IReadOnlyList<string> Proxies { get => _proxies; init => _proxies = ValueList<string>.Of(value); }
}
