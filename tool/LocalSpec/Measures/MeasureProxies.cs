namespace LocalSpec.Measures;

/// <summary>Names, orientation and family of each <see cref="MeasureProxy"/>, and the parser of proxy lists ("lesion,featvis.score").</summary>
public static class MeasureProxies
{
    public const string LesionFamily = "lesion";
    public const string FeatureVisFamily = "featvis";

    /// <summary>Every proxy, in canonical order.</summary>
    public static IReadOnlyList<MeasureProxy> All { get; } =
        [MeasureProxy.LesionAccDrop, MeasureProxy.LesionClassRange, MeasureProxy.FeatureVisScore, MeasureProxy.FeatureVisEntropy];

    /// <summary>The name in measurements.json, stats.json and manifests.</summary>
    public static string Name(MeasureProxy proxy) => proxy switch
    {
        MeasureProxy.LesionAccDrop => "lesion.acc_drop",
        MeasureProxy.LesionClassRange => "lesion.class_range",
        MeasureProxy.FeatureVisScore => "featvis.score",
        MeasureProxy.FeatureVisEntropy => "featvis.entropy",
        _ => throw new ArgumentOutOfRangeException(nameof(proxy), proxy, "unknown proxy"),
    };

    /// <summary>False only for featvis.entropy, where a lower value is more specialized (METHOD.md §6).</summary>
    public static bool HigherIsMoreSpecialized(MeasureProxy proxy) => proxy switch
    {
        MeasureProxy.FeatureVisEntropy => false,
        MeasureProxy.LesionAccDrop or MeasureProxy.LesionClassRange or MeasureProxy.FeatureVisScore => true,
        _ => throw new ArgumentOutOfRangeException(nameof(proxy), proxy, "unknown proxy"),
    };

    public static MeasureProxyFamily Family(MeasureProxy proxy) => proxy switch
    {
        MeasureProxy.LesionAccDrop or MeasureProxy.LesionClassRange => MeasureProxyFamily.Lesion,
        MeasureProxy.FeatureVisScore or MeasureProxy.FeatureVisEntropy => MeasureProxyFamily.FeatureVis,
        _ => throw new ArgumentOutOfRangeException(nameof(proxy), proxy, "unknown proxy"),
    };

    /// <summary>The proxy of a name (<c>lesion.acc_drop</c>, …); false for any other string.</summary>
    public static bool TryParse(string name, out MeasureProxy proxy)
    {
        foreach (var p in All)
        {
            if (Name(p) == name)
            {
                proxy = p;
                return true;
            }
        }
        proxy = default;
        return false;
    }

    /// <summary>
    /// A comma-separated list of families (<c>lesion</c>, <c>featvis</c>) and proxy names
    /// (<c>lesion.acc_drop</c>, …) → the distinct proxies, in canonical order.
    /// </summary>
    /// <exception cref="ArgumentException">An entry is neither a family nor a proxy, or the list is empty; the message lists the choices.</exception>
    public static IReadOnlyList<MeasureProxy> Parse(string list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var chosen = new HashSet<MeasureProxy>();
        foreach (string raw in list.Split(','))
        {
            string entry = raw.Trim();
            if (entry.Length == 0) continue;
            if (entry == LesionFamily) chosen.UnionWith(All.Where(p => Family(p) == MeasureProxyFamily.Lesion));
            else if (entry == FeatureVisFamily) chosen.UnionWith(All.Where(p => Family(p) == MeasureProxyFamily.FeatureVis));
            else if (TryParse(entry, out var proxy)) chosen.Add(proxy);
            else throw new ArgumentException($"unknown proxy '{entry}': expected {Choices}", nameof(list));
        }
        if (chosen.Count == 0) throw new ArgumentException($"no proxy named: expected {Choices}", nameof(list));
        return [.. All.Where(chosen.Contains)];
    }

    /// <summary>The families and names <see cref="Parse"/> accepts, for messages and help.</summary>
    public static string Choices => string.Join(", ", new[] { LesionFamily, FeatureVisFamily }.Concat(All.Select(Name)));
}
