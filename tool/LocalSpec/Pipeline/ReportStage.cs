using System.Globalization;
using System.Text.Json.Nodes;
using LocalSpec.Reporting;
using LocalSpec.Stats;

namespace LocalSpec.Pipeline;

/// <summary>
/// The report stage of one experiment: its tables (Markdown and LaTeX), percentile histograms,
/// p-value heatmap and the feature-visualization grids of its first replicate, rendered from its
/// stats. The templates in use are input files of the key, so editing one re-renders the reports.
/// </summary>
internal static class ReportStage
{
    public const int Version = 1;

    public static StageDefinition Define(Manifest manifest, IReadOnlyList<StageDefinition> stats, IReadOnlyList<StageDefinition> measures, string? templates)
    {
        var figures = measures.Where(m => (string?)m.Parameters["family"] == MeasurementStage.Name(Measures.MeasureProxyFamily.FeatureVis)
            && m.Id.EndsWith("@r0", StringComparison.Ordinal)).ToArray();
        var inputs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (templates is not null && Directory.Exists(templates))
            foreach (string t in Directory.EnumerateFiles(templates, "*.hbs"))
                inputs["templates/" + Path.GetFileName(t)] = t;
        return new StageDefinition
        {
            Experiment = manifest.Name,
            ManifestPath = manifest.SourcePath,
            Position = manifest.Positions.Of("name"),
            Id = "report",
            Kind = StageKinds.Report,
            FormatVersion = Version,
            Parameters = new JsonObject
            {
                ["experiment"] = manifest.Name,
                ["label"] = manifest.Label,
                ["paper"] = manifest.Paper,
            },
            Upstream = [.. stats, .. figures],
            InputFiles = inputs,
            Weight = 0.01,
            Execute = context =>
            {
                var cells = Cells(manifest, stats, id => context.Inputs[id]);
                var grids = new List<FeatureVisGrid>();
                foreach (var m in figures)
                {
                    var artifact = context.Inputs[m.Id];
                    string name = m.Id["measure/".Length..m.Id.LastIndexOf('/')].Replace('/', '-');
                    foreach (var (file, _) in artifact.Files.Where(f => f.Key.EndsWith(".png", StringComparison.Ordinal)).OrderBy(f => f.Key, StringComparer.Ordinal))
                        grids.Add(new FeatureVisGrid(manifest.Name, $"{name}-{Path.GetFileNameWithoutExtension(file).Replace("featvis-", "", StringComparison.Ordinal)}", artifact.PathOf(file)));
                }
                ReportWriter.Write(new ReportInput(cells, grids), new ReportOptions(context.OutputDirectory) { TemplatesDirectory = templates });
            },
        };
    }

    /// <summary>The report cells of an experiment's stats instances (one per proxy of each partitioning).</summary>
    public static IReadOnlyList<ReportCell> Cells(Manifest manifest, IEnumerable<StageDefinition> stats, Func<string, ArtifactHandle> artifact)
    {
        var cells = new List<ReportCell>();
        foreach (var s in stats)
        {
            var (graph, scope, k) = StatsStage.Partitioning(s);
            var document = StatsDocument.Read(artifact(s.Id).PathOf(StatsStage.Statistics));
            foreach (var (proxy, values) in document.Proxies.OrderBy(p => p.Key, StringComparer.Ordinal))
                cells.Add(new ReportCell(manifest.Name, manifest.Label, manifest.Paper, graph, scope, k, proxy, values));
        }
        return cells;
    }
}
