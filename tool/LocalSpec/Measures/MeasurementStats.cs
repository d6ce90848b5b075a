using LocalSpec.Stats;

namespace LocalSpec.Measures;

/// <summary>
/// The stats stage on measurements (METHOD.md §7): per proxy, the percentiles, Fisher statistic and
/// p-value and effect measures of one network (<see cref="NetworkProxyStats"/>), or of replicate
/// networks of one setup combined by the Bates test (<see cref="ReplicateProxyStats"/>).
/// </summary>
public static class MeasurementStats
{
    /// <summary>One network's statistics for every proxy of <paramref name="measurements"/>.</summary>
    /// <param name="source">Names the measurements in error messages (a file path).</param>
    /// <exception cref="MeasurementException">A proxy has no analysed subcluster, or its values cannot be ranked.</exception>
    public static StatsDocument Compute(MeasurementsDocument measurements, TieRule ties = TieRule.Half, string source = "measurements")
    {
        ArgumentNullException.ThrowIfNull(measurements);
        var proxies = new SortedDictionary<string, ProxyStats>(StringComparer.Ordinal);
        foreach (var (name, proxy) in measurements.Proxies) proxies.Add(name, Network(name, proxy, ties, source));
        if (proxies.Count == 0) throw new MeasurementException($"{source}: no proxies to compute statistics of");
        return new StatsDocument(proxies);
    }

    /// <summary>
    /// The replicates' statistics for every proxy: each replicate's network statistics, their mean
    /// Fisher statistic, the Bates p-value of their p-values and the effect over all their subclusters.
    /// Every replicate must hold the same proxies.
    /// </summary>
    /// <param name="sources">Names each replicate in error messages (file paths); default "replicate i".</param>
    /// <exception cref="MeasurementException">The replicates hold different proxies, or a proxy of one has no analysed subcluster.</exception>
    public static StatsDocument Combine(IReadOnlyList<MeasurementsDocument> replicates, TieRule ties = TieRule.Half, IReadOnlyList<string>? sources = null)
    {
        ArgumentNullException.ThrowIfNull(replicates);
        if (replicates.Count == 0) throw new ArgumentException("no replicates to combine", nameof(replicates));
        if (sources is not null && sources.Count != replicates.Count)
            throw new ArgumentException($"{sources.Count} source names for {replicates.Count} replicates", nameof(sources));
        string Source(int i) => sources?[i] ?? $"replicate {i}";
        var names = replicates[0].Proxies.Keys.OrderBy(n => n, StringComparer.Ordinal).ToArray();
        for (int i = 1; i < replicates.Count; i++)
        {
            var other = replicates[i].Proxies.Keys.OrderBy(n => n, StringComparer.Ordinal).ToArray();
            if (!other.SequenceEqual(names))
                throw new MeasurementException($"{Source(i)}: holds proxies {string.Join(", ", other)}, but {Source(0)} holds {string.Join(", ", names)}; replicates must measure the same proxies");
        }
        if (names.Length == 0) throw new MeasurementException($"{Source(0)}: no proxies to compute statistics of");
        var proxies = new SortedDictionary<string, ProxyStats>(StringComparer.Ordinal);
        foreach (string name in names)
        {
            var networks = replicates.Select((r, i) => Network(name, r.Proxies[name], ties, Source(i))).ToArray();
            for (int i = 1; i < networks.Length; i++)
                if (networks[i].HigherIsMoreSpecialized != networks[0].HigherIsMoreSpecialized)
                    throw new MeasurementException($"{Source(i)}: proxies.{name}.higher_is_more_specialized differs from {Source(0)}'s");
            proxies.Add(name, ReplicateProxyStats.Combine(networks));
        }
        return new StatsDocument(proxies);
    }

    /// <summary>The subclusters' values as the statistics take them, in the proxy's order.</summary>
    public static IReadOnlyList<SubclusterValues> Values(ProxyMeasurements proxy)
    {
        ArgumentNullException.ThrowIfNull(proxy);
        return [.. proxy.Subclusters.Select(s => new SubclusterValues(s.True, s.Random))];
    }

    private static NetworkProxyStats Network(string name, ProxyMeasurements proxy, TieRule ties, string source)
    {
        if (proxy.Subclusters.Count == 0)
            throw new MeasurementException($"{source}: proxies.{name} has no analysed subclusters; the statistics need at least one (is k too small for this network?)");
        try
        {
            return NetworkProxyStats.Compute(Values(proxy), proxy.HigherIsMoreSpecialized, ties);
        }
        catch (ArgumentException e)
        {
            string message = e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "");
            throw new MeasurementException($"{source}: proxies.{name}: {message}", e);
        }
    }
}
