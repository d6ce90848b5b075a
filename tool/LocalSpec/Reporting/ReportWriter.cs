using System.Text;

namespace LocalSpec.Reporting;

/// <summary>
/// Writes a report directory: the paper's tables as Markdown and LaTeX from the Handlebars
/// templates (Table 1 Fisher statistics, Table 2 effect measures, Tables 7–8 in long form, and a
/// k-robustness table per experiment with several k), the percentile histograms (Figure 2) and
/// the −log₁₀ p heatmap as SVG, and copies of the feature-visualization grids. Output bytes depend
/// only on the input and the templates (invariant culture, no timestamps), and a file is written
/// only when its bytes changed.
/// </summary>
public static class ReportWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static ReportOutcome Write(ReportInput input, ReportOptions options)
    {
        // Input validation
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var cells = input.Cells ?? throw new ArgumentException("the report input has no cell list", nameof(input));
        var grids = input.FeatureVis ?? [];
        foreach (var grid in grids)
        {
            ArgumentNullException.ThrowIfNull(grid, nameof(input));
            if (!File.Exists(grid.PngPath))
                throw new FileNotFoundException($"feature-visualization grid '{grid.Name}' of experiment '{grid.Experiment}' not found: {grid.PngPath}", grid.PngPath);
        }
        var reference = options.ReferenceCsvPath is null ? PaperReference.Embedded() : PaperReference.Load(options.ReferenceCsvPath);
        var layout = ReportLayout.Build(cells, reference, options.Alpha);

        // Main algorithm: render everything in memory, then write what changed.
        var files = Render(layout, new ReportTemplates(options.TemplatesDirectory), options.HistogramBins);
        foreach (var grid in grids)
            Add(files, ReportFileNames.FeatureVis(grid), File.ReadAllBytes(grid.PngPath));

        string directory = Path.GetFullPath(options.OutputDirectory);
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        var unchanged = new List<string>();
        foreach (var (name, bytes) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            string path = Path.Combine(directory, name);
            (ReportFiles.WriteIfChanged(path, bytes) ? written : unchanged).Add(path);
        }
        return new ReportOutcome(written, unchanged, layout.Warnings);
    }

    /// <summary>The report's files (name → bytes) without touching the disk.</summary>
    internal static Dictionary<string, byte[]> Render(ReportLayout layout, ReportTemplates templates, int bins)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (layout.Cells.Count == 0) return files;
        foreach (var format in (TableFormat[])[TableFormat.Markdown, TableFormat.Latex])
        {
            Text(files, ReportFileNames.Table("table1-fisher", format), templates.Render("table1-fisher", format.Extension, ReportTables.Fisher(layout, format)));
            Text(files, ReportFileNames.Table("table2-effect", format), templates.Render("table2-effect", format.Extension, ReportTables.Effect(layout, format)));
            Text(files, ReportFileNames.Table("tables7-8-details", format), templates.Render("tables7-8-details", format.Extension, ReportTables.Details(layout, format)));
            foreach (string experiment in layout.Groups.Where(g => g.ExperimentHasSeveralK).Select(g => g.Experiment).Distinct(StringComparer.Ordinal))
                Text(files, ReportFileNames.KRobustness(experiment, format), templates.Render("k-robustness", format.Extension, ReportTables.KRobustness(layout, format, experiment)));
        }
        foreach (var group in layout.Groups)
        {
            foreach (var proxy in layout.Proxies)
            {
                var panels = layout.Partitionings
                    .Select(p => (p, Cell: layout.Find(group, p.Graph, p.Scope, proxy.Name)))
                    .Where(x => x.Cell is not null)
                    .Select(x => new PercentileHistogramFigure.Panel(PartitioningLabel.Of(x.p.Graph, x.p.Scope), x.Cell!.Stats))
                    .ToList();
                if (panels.Count > 0)
                    Text(files, ReportFileNames.Histogram(group, proxy.Name), PercentileHistogramFigure.Render(group.Label, proxy, panels, bins));
            }
        }
        Text(files, ReportFileNames.Heatmap, PValueHeatmapFigure.Render(layout));
        return files;
    }

    private static void Text(Dictionary<string, byte[]> files, string name, string text) =>
        Add(files, name, Utf8.GetBytes(text.ReplaceLineEndings("\n")));

    private static void Add(Dictionary<string, byte[]> files, string name, byte[] bytes)
    {
        if (!files.TryAdd(name, bytes))
            throw new ArgumentException($"two report outputs would be written to the same file '{name}' (experiment or grid names that differ only in characters outside [A-Za-z0-9._-])");
    }
}
