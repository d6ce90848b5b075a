using LocalSpec.Stats;

namespace LocalSpec.Reporting;

/// <summary>
/// The view models the table templates render: plain dictionaries with camelCase keys whose
/// strings are finished for one output language (labels escaped, numbers formatted and bolded).
/// Every model carries the Benjamini–Hochberg summary (alpha, criticalP, significantCount,
/// testCount) and hasReference (some cell shows a published value).
/// </summary>
internal static class ReportTables
{
    /// <summary>Table 1: Fisher statistic per experiment × partitioning (rows) and proxy (columns); bold when BH-significant.</summary>
    public static Dictionary<string, object?> Fisher(ReportLayout layout, TableFormat format) =>
        Blocks(layout, format, (group, cell) =>
        {
            var reference = layout.Reference(group, cell);
            return Cell(format.MaybeBold(format.Fisher(cell.Stats.FisherStatistic), layout.IsSignificant(cell)),
                layout.IsSignificant(cell), reference is null ? null : format.Fisher(reference.FisherStatistic));
        });

    /// <summary>Table 2: effect measure ± SE; bold when two SE from 1 in the direction of specialization.</summary>
    public static Dictionary<string, object?> Effect(ReportLayout layout, TableFormat format) =>
        Blocks(layout, format, (group, cell) =>
        {
            var reference = layout.Reference(group, cell);
            bool bold = cell.Stats.EffectIsMoreSpecializedThanRandom;
            return Cell(format.MaybeBold(format.Effect(cell.Stats.Effect), bold), bold,
                reference is null ? null : ReportNumbers.Effect(reference.Effect));   // the mean only: the table stays printable; SEs are in Tables 7–8
        });

    /// <summary>Tables 7–8 in long form: one row per experiment × partitioning × proxy with F (p) and effect, and the paper's beside.</summary>
    public static Dictionary<string, object?> Details(ReportLayout layout, TableFormat format)
    {
        var rows = new List<Dictionary<string, object?>>();
        bool hasReference = false;
        foreach (var group in layout.Groups)
        {
            bool firstOfGroup = true;
            foreach (var (graph, scope) in layout.Partitionings)
            {
                bool firstOfPartitioning = true;
                foreach (var proxy in layout.Proxies)
                {
                    if (layout.Find(group, graph, scope, proxy.Name) is not { } cell) continue;
                    var reference = layout.Reference(group, cell);
                    hasReference |= reference is not null;
                    bool significant = layout.IsSignificant(cell), effectBold = cell.Stats.EffectIsMoreSpecializedThanRandom;
                    rows.Add(new()
                    {
                        ["label"] = firstOfGroup ? format.Escape(group.Label) : "",
                        ["fullLabel"] = format.Escape(group.Label),
                        ["partitioning"] = firstOfPartitioning ? format.Escape(PartitioningLabel.Of(graph, scope)) : "",
                        ["proxy"] = format.Escape(proxy.Heading),
                        ["midruleBefore"] = firstOfGroup && rows.Count > 0,
                        ["spaceBefore"] = firstOfPartitioning && !firstOfGroup,
                        ["fisher"] = format.MaybeBold(format.Fisher(cell.Stats.FisherStatistic), significant),
                        ["significant"] = significant,
                        ["p"] = format.P(cell.Stats.PValue),
                        ["effect"] = format.MaybeBold(format.Effect(cell.Stats.Effect), effectBold),
                        ["effectBold"] = effectBold,
                        ["hasPaper"] = reference is not null,
                        ["paperFisher"] = reference is null ? "" : format.Fisher(reference.FisherStatistic),
                        ["paperP"] = reference is null ? "" : format.P(reference.PValue),
                        ["paperEffect"] = reference is null ? "" : format.Effect(reference.Effect, reference.EffectStandardError),
                    });
                    firstOfGroup = false;
                    firstOfPartitioning = false;
                }
            }
        }
        var model = Summary(layout, format, hasReference);
        model["rows"] = rows;
        return model;
    }

    /// <summary>k-robustness of one experiment: rows partitioning × proxy, a pair of columns (F, effect) per k.</summary>
    public static Dictionary<string, object?> KRobustness(ReportLayout layout, TableFormat format, string experiment)
    {
        var groups = layout.Groups.Where(g => g.Experiment == experiment).ToList();
        var ks = groups.Select((g, i) => new Dictionary<string, object?>
        {
            ["k"] = g.K.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["first"] = 3 + 2 * i,
            ["last"] = 4 + 2 * i,
        }).ToList();
        var rows = new List<Dictionary<string, object?>>();
        foreach (var (graph, scope) in layout.Partitionings)
        {
            bool firstOfPartitioning = true;
            foreach (var proxy in layout.Proxies)
            {
                var cells = groups.Select(g => layout.Find(g, graph, scope, proxy.Name)).ToList();
                if (cells.All(c => c is null)) continue;
                rows.Add(new()
                {
                    ["partitioning"] = firstOfPartitioning ? format.Escape(PartitioningLabel.Of(graph, scope)) : "",
                    ["proxy"] = format.Escape(proxy.Heading),
                    ["spaceBefore"] = firstOfPartitioning && rows.Count > 0,
                    ["cells"] = cells.Select(c => c is null
                        ? new Dictionary<string, object?> { ["present"] = false, ["fisher"] = "", ["effect"] = "", ["p"] = "" }
                        : new Dictionary<string, object?>
                        {
                            ["present"] = true,
                            ["fisher"] = format.MaybeBold(format.Fisher(c.Stats.FisherStatistic), layout.IsSignificant(c)),
                            ["p"] = format.P(c.Stats.PValue),
                            ["effect"] = format.MaybeBold(format.Effect(c.Stats.Effect), c.Stats.EffectIsMoreSpecializedThanRandom),
                        }).ToList(),
                });
                firstOfPartitioning = false;
            }
        }
        var model = Summary(layout, format, hasReference: false);
        model["experiment"] = format.Escape(experiment);
        model["key"] = ReportFileNames.Safe(experiment);
        model["label"] = format.Escape(groups[0].ExperimentLabel);
        model["ks"] = ks;
        model["columnCount"] = 2 + 2 * ks.Count;
        model["rows"] = rows;
        return model;
    }

    private static Dictionary<string, object?> Cell(string value, bool bold, string? paper) => new()
    {
        ["present"] = true,
        ["value"] = value,
        ["bold"] = bold,
        ["paper"] = paper,
    };

    private static readonly Dictionary<string, object?> Missing = new()
    {
        ["present"] = false,
        ["value"] = "",
        ["bold"] = false,
        ["paper"] = null,
    };

    // Rows = experiment × k × partitioning, columns = proxies grouped by family (the paper's Tables 1 and 2).
    private static Dictionary<string, object?> Blocks(ReportLayout layout, TableFormat format,
        Func<ReportRowGroup, ReportCell, Dictionary<string, object?>> cellOf)
    {
        var rows = new List<Dictionary<string, object?>>();
        bool hasReference = false;
        foreach (var group in layout.Groups)
        {
            bool first = true;
            foreach (var (graph, scope) in layout.Partitionings)
            {
                var cells = layout.Proxies.Select(p => layout.Find(group, graph, scope, p.Name) is { } cell ? cellOf(group, cell) : Missing).ToList();
                if (cells.All(c => !(bool)c["present"]!)) continue;
                hasReference |= cells.Any(c => c["paper"] is not null);
                rows.Add(new()
                {
                    ["label"] = first ? format.Escape(group.Label) : "",
                    ["fullLabel"] = format.Escape(group.Label),
                    ["partitioning"] = format.Escape(PartitioningLabel.Of(graph, scope)),
                    ["midruleBefore"] = first && rows.Count > 0,
                    ["cells"] = cells,
                });
                first = false;
            }
        }
        var model = Summary(layout, format, hasReference);
        model["proxies"] = layout.Proxies.Select(p => new Dictionary<string, object?>
        {
            ["name"] = format.Escape(p.Name),
            ["heading"] = format.Escape(p.Heading),
            ["family"] = format.Escape(p.Family),
            ["direction"] = format.Escape(Direction(layout, p)),
        }).ToList();
        var families = new List<Dictionary<string, object?>>();
        int column = 3;
        foreach (var run in Runs(layout.Proxies.Select(p => p.Family).ToList()))
        {
            families.Add(new()
            {
                ["name"] = format.Escape(run.Value),
                ["span"] = run.Count,
                ["first"] = column,
                ["last"] = column + run.Count - 1,
            });
            column += run.Count;
        }
        model["families"] = families;
        model["columnCount"] = 2 + layout.Proxies.Count;
        model["rows"] = rows;
        return model;
    }

    private static Dictionary<string, object?> Summary(ReportLayout layout, TableFormat format, bool hasReference)
    {
        BenjaminiHochbergResult? bh = layout.Significance;
        return new()
        {
            ["alpha"] = ReportNumbers.Plain(layout.Alpha),
            ["criticalP"] = bh?.CriticalP is double c ? format.P(c) : null,
            ["significantCount"] = bh?.SignificantCount ?? 0,
            ["testCount"] = layout.Cells.Count,
            ["hasReference"] = hasReference,
        };
    }

    // "High→Imp." for the known proxies; for others the orientation their statistics carry.
    private static string Direction(ReportLayout layout, ProxyLabel proxy)
    {
        if (proxy.Direction.Length > 0) return proxy.Direction;
        var cell = layout.Cells.First(c => c.Proxy == proxy.Name);
        return cell.Stats.HigherIsMoreSpecialized ? "High→Spec." : "Low→Spec.";
    }

    private static IEnumerable<(string Value, int Count)> Runs(IReadOnlyList<string> values)
    {
        for (int i = 0; i < values.Count;)
        {
            int j = i;
            while (j < values.Count && values[j] == values[i]) j++;
            yield return (values[i], j - i);
            i = j;
        }
    }
}
