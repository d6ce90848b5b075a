using System.Globalization;
using System.Text.Json.Nodes;
using LocalSpec.Graphs;
using LocalSpec.Measures;
using LocalSpec.Partitioning;
using LocalSpec.Stats;

namespace LocalSpec.Pipeline;

/// <summary>
/// The stats stage (METHOD.md §7) of one partitioning (graph kind × scope × k): per proxy the Fisher
/// statistic and p-value of each replicate, their mean and Bates p-value, and the effect measure,
/// from the measurements of every replicate and proxy family.
/// </summary>
internal static class StatsStage
{
    public const int Version = 1;
    public const string Statistics = "stats.json";

    public static StageDefinition Define(Manifest manifest, GraphKind kind, PartitionScope scope, int k, IReadOnlyList<StageDefinition> measures) => new()
    {
        Experiment = manifest.Name,
        ManifestPath = manifest.SourcePath,
        Position = manifest.Positions.Of("measures"),
        Id = string.Create(CultureInfo.InvariantCulture, $"stats/{StageParameters.Name(kind)}/{StageParameters.Name(scope)}/k{k}"),
        Kind = StageKinds.Stats,
        FormatVersion = Version,
        Parameters = new JsonObject
        {
            ["graph"] = StageParameters.Name(kind),
            ["scope"] = StageParameters.Name(scope),
            ["k"] = k,
            ["ties"] = "half",
        },
        Upstream = measures,
        Weight = 0.01,
        Execute = context =>
        {
            // One measurements document per replicate: the proxy families' documents merged.
            var replicates = measures.GroupBy(m => m.Id[(m.Id.IndexOf('@') + 1)..], StringComparer.Ordinal)
                .OrderBy(g => int.Parse(g.Key.AsSpan(1), CultureInfo.InvariantCulture))
                .Select(g => Merge(g.Select(m => MeasurementsFile.Load(context.Inputs[m.Id].PathOf(MeasurementStage.Values)))))
                .ToArray();
            StatsDocument stats = replicates.Length == 1
                ? MeasurementStats.Compute(replicates[0])
                : MeasurementStats.Combine(replicates, sources: [.. replicates.Select((_, i) => StageParameters.Replicate(i))]);
            stats.Write(context.OutputPath(Statistics));
        },
    };

    private static MeasurementsDocument Merge(IEnumerable<MeasurementsDocument> families)
    {
        var proxies = new SortedDictionary<string, ProxyMeasurements>(StringComparer.Ordinal);
        foreach (var doc in families)
            foreach (var (name, values) in doc.Proxies) proxies[name] = values;
        return new MeasurementsDocument(proxies);
    }

    /// <summary>The partitioning a stats instance summarizes, read back from its parameters.</summary>
    public static (string Graph, string Scope, int K) Partitioning(StageDefinition stats) =>
        ((string)stats.Parameters["graph"]!, (string)stats.Parameters["scope"]!, (int)stats.Parameters["k"]!);
}
