using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LocalSpec.Stats;

/// <summary>
/// stats.json, written and read strictly. Layout (keys in this order):
/// <code>
/// { "format": "localspec.stats/1",
///   "proxies": { "&lt;proxy&gt;": {
///       "higher_is_more_specialized": bool, "n_subclusters": int,
///       "fisher_statistic": F (or mean F), "p_value": p (Fisher, or Bates),
///       ["log10_p_value": only when p is below the normal double range (2.2e-308); "p_value" is then 0],
///       "effect": mean e, "effect_se": SE or null (one subcluster),
///       one network:   "ties": "half" | "not_more_specialized", "percentiles": [p′,...], "effects": [e,...] (each on one line)
///       replicates:    "replicates": R, "percentiles": [every replicate's p′, in replicate order], "networks": [ one-network objects ] } } }
/// </code>
/// Numbers are the shortest round-trip decimal form, independent of culture; proxies are sorted by ordinal name.
/// </summary>
internal static class StatsJson
{
    private static readonly string[] CommonFields =
        ["higher_is_more_specialized", "n_subclusters", "fisher_statistic", "p_value", "log10_p_value", "effect", "effect_se"];

    private static readonly string[] NetworkFields = [.. CommonFields, "ties", "percentiles", "effects"];

    private static readonly string[] ReplicateFields = [.. CommonFields, "replicates", "percentiles", "networks"];

    public static string Write(StatsDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", StatsDocument.FormatName);
            w.WriteStartObject("proxies");
            foreach (var (name, stats) in document.Proxies.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                w.WritePropertyName(name);
                WriteProxy(w, stats, name);
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteProxy(Utf8JsonWriter w, ProxyStats stats, string at)
    {
        w.WriteStartObject();
        w.WriteBoolean("higher_is_more_specialized", stats.HigherIsMoreSpecialized);
        w.WriteNumber("n_subclusters", stats.SubclusterCount);
        WriteDouble(w, "fisher_statistic", stats.FisherStatistic, at);
        if (stats.PValue.IsBelowDoubleRange && double.IsFinite(stats.PValue.LnP))
        {
            w.WriteNumber("p_value", 0);
            WriteDouble(w, "log10_p_value", stats.PValue.Log10P, at);
        }
        else
        {
            WriteDouble(w, "p_value", stats.PValue.P, at);
        }
        WriteDouble(w, "effect", stats.Effect.Mean, at);
        if (stats.Effect.StandardError is double se) WriteDouble(w, "effect_se", se, at);
        else w.WriteNull("effect_se");
        switch (stats)
        {
            case NetworkProxyStats network:
                w.WriteString("ties", TieName(network.Ties));
                WriteArray(w, "percentiles", network.Percentiles, at);
                WriteArray(w, "effects", network.Effects, at);
                break;
            case ReplicateProxyStats replicates:
                w.WriteNumber("replicates", replicates.ReplicateCount);
                WriteArray(w, "percentiles", [.. replicates.Replicates.SelectMany(r => r.Percentiles)], at);
                w.WriteStartArray("networks");
                for (int i = 0; i < replicates.ReplicateCount; i++) WriteProxy(w, replicates.Replicates[i], $"{at}.networks[{i}]");
                w.WriteEndArray();
                break;
            default:
                throw new ArgumentException($"{at}: unknown statistics type {stats.GetType().Name}");
        }
        w.WriteEndObject();
    }

    /// <summary>A flat list of numbers on one line ("[0.25,0.875]"), as the repository's other JSON fixtures keep them.</summary>
    private static void WriteArray(Utf8JsonWriter w, string name, IReadOnlyList<double> values, string at)
    {
        var text = new StringBuilder("[");
        for (int i = 0; i < values.Count; i++)
        {
            if (i > 0) text.Append(',');
            text.Append(Format(values[i], $"{at}.{name}[{i}]"));
        }
        w.WritePropertyName(name);
        w.WriteRawValue(text.Append(']').ToString());
    }

    private static void WriteDouble(Utf8JsonWriter w, string name, double value, string at)
    {
        w.WritePropertyName(name);
        WriteValue(w, value, $"{at}.{name}");
    }

    /// <summary>Shortest round-trip form with a lower-case exponent ("1e-05"), independent of culture.</summary>
    private static void WriteValue(Utf8JsonWriter w, double value, string at) => w.WriteRawValue(Format(value, at));

    private static string Format(double value, string at) =>
        double.IsFinite(value)
            ? value.ToString("R", CultureInfo.InvariantCulture).ToLowerInvariant()
            : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{at}: {value} cannot be written to JSON"));

    internal static string TieName(TieRule ties) => ties switch
    {
        TieRule.Half => "half",
        TieRule.NotMoreSpecialized => "not_more_specialized",
        _ => throw new ArgumentOutOfRangeException(nameof(ties), ties, "unknown tie rule"),
    };

    public static StatsDocument Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new StatsFormatException($"{source}: not valid JSON ({e.Message})", e);
        }
        using (document)
        {
            var reader = new JsonFields(source);
            var root = reader.Fields(document.RootElement, "", ["format", "proxies"]);
            string format = reader.String(reader.Required(root, "format", ""), "format");
            if (format != StatsDocument.FormatName)
                throw reader.Error("format", $"must be \"{StatsDocument.FormatName}\" (got \"{format}\")");
            var proxiesElement = reader.Required(root, "proxies", "");
            if (proxiesElement.ValueKind != JsonValueKind.Object)
                throw reader.Error("proxies", $"must be an object (got {JsonFields.Kind(proxiesElement)})");
            var proxies = new SortedDictionary<string, ProxyStats>(StringComparer.Ordinal);
            foreach (var property in proxiesElement.EnumerateObject())
            {
                string at = $"proxies.{property.Name}";
                if (!proxies.TryAdd(property.Name, ReadProxy(reader, property.Value, at)))
                    throw reader.Error(at, "appears more than once");
            }
            return new StatsDocument(proxies);
        }
    }

    private static ProxyStats ReadProxy(JsonFields reader, JsonElement e, string at)
    {
        bool replicates = e.ValueKind == JsonValueKind.Object && e.TryGetProperty("networks", out _);
        var f = reader.Fields(e, at, replicates ? ReplicateFields : NetworkFields);
        bool higher = reader.Boolean(reader.Required(f, "higher_is_more_specialized", at), $"{at}.higher_is_more_specialized");
        int count = reader.Integer(reader.Required(f, "n_subclusters", at), $"{at}.n_subclusters", minimum: 1);
        double fisher = reader.Number(reader.Required(f, "fisher_statistic", at), $"{at}.fisher_statistic", 0, double.MaxValue);
        PValue p = ReadPValue(reader, f, at);
        double mean = reader.Number(reader.Required(f, "effect", at), $"{at}.effect", 0, 2);
        var seElement = reader.Required(f, "effect_se", at);
        double? se = seElement.ValueKind == JsonValueKind.Null ? null : reader.Number(seElement, $"{at}.effect_se", 0, 2);
        if (se is null != (count == 1))
            throw reader.Error($"{at}.effect_se", count == 1 ? "must be null for a single subcluster" : "must be a number (null only for a single subcluster)");
        var effect = new EffectSummary(count, mean, se);
        return replicates
            ? ReadReplicates(reader, f, at, higher, fisher, p, effect)
            : ReadNetwork(reader, f, at, higher, fisher, p, effect);
    }

    private static PValue ReadPValue(JsonFields reader, Dictionary<string, JsonElement> f, string at)
    {
        double p = reader.Number(reader.Required(f, "p_value", at), $"{at}.p_value", 0, 1);
        if (!f.TryGetValue("log10_p_value", out var log10Element)) return PValue.FromP(p);
        double log10 = reader.Number(log10Element, $"{at}.log10_p_value", double.MinValue, 0);
        if (p != 0)
            throw reader.Error($"{at}.log10_p_value", "is written only for p below the double range, with p_value 0");
        return PValue.FromLog10(log10);
    }

    private static NetworkProxyStats ReadNetwork(JsonFields reader, Dictionary<string, JsonElement> f, string at,
        bool higher, double fisher, PValue p, EffectSummary effect)
    {
        string tieText = reader.String(reader.Required(f, "ties", at), $"{at}.ties");
        TieRule ties = tieText switch
        {
            "half" => TieRule.Half,
            "not_more_specialized" => TieRule.NotMoreSpecialized,
            _ => throw reader.Error($"{at}.ties", $"must be \"half\" or \"not_more_specialized\" (got \"{tieText}\")"),
        };
        double[] percentiles = reader.Numbers(reader.Required(f, "percentiles", at), $"{at}.percentiles", effect.Count, double.Epsilon, 1);
        double[] effects = reader.Numbers(reader.Required(f, "effects", at), $"{at}.effects", effect.Count, 0, 2);
        return new NetworkProxyStats(higher, ties, new FisherResult(effect.Count, fisher, p), effect, percentiles, effects);
    }

    private static ReplicateProxyStats ReadReplicates(JsonFields reader, Dictionary<string, JsonElement> f, string at,
        bool higher, double meanFisher, PValue p, EffectSummary effect)
    {
        int count = reader.Integer(reader.Required(f, "replicates", at), $"{at}.replicates", minimum: 1);
        var array = reader.Required(f, "networks", at);
        if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() != count)
            throw reader.Error($"{at}.networks", $"must be an array of replicates = {count} objects");
        var networks = new List<NetworkProxyStats>();
        double sumP = 0;
        int subclusters = 0;
        foreach (var item in array.EnumerateArray())
        {
            string itemAt = $"{at}.networks[{networks.Count}]";
            if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("networks", out _))
                throw reader.Error(itemAt, "a replicate must be one network (no nested \"networks\")");
            var network = (NetworkProxyStats)ReadProxy(reader, item, itemAt);
            if (network.HigherIsMoreSpecialized != higher)
                throw reader.Error($"{itemAt}.higher_is_more_specialized", "differs from the combined entry's");
            networks.Add(network);
            sumP += network.PValue.P;
            subclusters += network.SubclusterCount;
        }
        if (subclusters != effect.Count)
            throw reader.Error($"{at}.n_subclusters", $"must be the replicates' total, {subclusters} (got {effect.Count})");
        double[] pooled = reader.Numbers(reader.Required(f, "percentiles", at), $"{at}.percentiles", subclusters, double.Epsilon, 1);
        if (!pooled.SequenceEqual(networks.SelectMany(n => n.Percentiles)))
            throw reader.Error($"{at}.percentiles", "must be the networks' percentiles in order");
        return new ReplicateProxyStats(higher, meanFisher, new BatesResult(count, sumP / count, p), effect, networks);
    }
}
