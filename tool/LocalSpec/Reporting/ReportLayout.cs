using LocalSpec.Stats;

namespace LocalSpec.Reporting;

/// <summary>One row block of the tables: an experiment at one k (every partitioning × proxy of it).</summary>
/// <param name="Label">The row label: the experiment's label, with "(k = 16)" when the experiment has several k.</param>
internal sealed record ReportRowGroup(string Experiment, int K, string Label, string ExperimentLabel, string? PaperRow, bool ExperimentHasSeveralK);

/// <summary>
/// The cells of a report arranged as the paper's tables: row blocks (experiment × k, experiments in
/// input order, k ascending), the partitionings and proxies present (in the paper's order), the
/// Benjamini–Hochberg decision over all cells (the family of Table 1, which shows every cell, so
/// every table and figure bolds the same cells), and the matching paper reference rows.
/// </summary>
internal sealed class ReportLayout
{
    private readonly Dictionary<(string Experiment, int K, string Graph, string Scope, string Proxy), int> _index = [];
    private readonly PaperReference _reference;

    private ReportLayout(IReadOnlyList<ReportCell> cells, PaperReference reference, double alpha)
    {
        _reference = reference;
        Cells = cells;
        var warnings = new List<string>();
        for (int i = 0; i < cells.Count; i++)
        {
            var c = Validate(cells[i], i);
            if (!_index.TryAdd((c.Experiment, c.K, c.Graph, c.Scope, c.Proxy), i))
                throw new ArgumentException($"cell {i} repeats experiment '{c.Experiment}', k = {c.K}, {c.Graph}/{c.Scope}, {c.Proxy}", nameof(cells));
        }

        var experiments = cells.Select(c => c.Experiment).Distinct(StringComparer.Ordinal).ToList();
        var groups = new List<ReportRowGroup>();
        foreach (string experiment in experiments)
        {
            var own = cells.Where(c => c.Experiment == experiment).ToList();
            string label = own[0].Label;
            string? paper = own.Select(c => c.PaperRow).FirstOrDefault(p => !string.IsNullOrEmpty(p));
            if (paper is not null && !reference.HasNetwork(paper))
                warnings.Add($"experiment '{experiment}': paper row '{paper}' is not in the reference data; no published values are shown for it");
            int[] ks = own.Select(c => c.K).Distinct().Order().ToArray();
            foreach (int k in ks)
                groups.Add(new ReportRowGroup(experiment, k, ks.Length > 1 ? $"{label} (k = {k})" : label, label, paper, ks.Length > 1));
        }
        Groups = groups;
        Partitionings = cells.Select(c => (c.Graph, c.Scope)).Distinct()
            .OrderBy(p => PartitioningLabel.Order(p.Graph, p.Scope)).ToList();
        var proxies = cells.Select(c => c.Proxy).Distinct(StringComparer.Ordinal).Select(ProxyLabel.Of).ToList();
        proxies.Sort(ProxyLabel.Compare);
        Proxies = proxies;
        Significance = cells.Count == 0 ? null : BenjaminiHochberg.Apply(cells.Select(c => c.Stats.PValue.P).ToArray(), alpha);
        Alpha = alpha;
        Warnings = warnings;
    }

    public IReadOnlyList<ReportCell> Cells { get; }

    public IReadOnlyList<ReportRowGroup> Groups { get; }

    public IReadOnlyList<(string Graph, string Scope)> Partitionings { get; }

    public IReadOnlyList<ProxyLabel> Proxies { get; }

    /// <summary>Benjamini–Hochberg over the p-values of all cells, in cell order; null without cells.</summary>
    public BenjaminiHochbergResult? Significance { get; }

    public double Alpha { get; }

    public IReadOnlyList<string> Warnings { get; }

    public static ReportLayout Build(IReadOnlyList<ReportCell> cells, PaperReference reference, double alpha)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(reference);
        return new ReportLayout(cells, reference, alpha);
    }

    public ReportCell? Find(ReportRowGroup group, string graph, string scope, string proxy) =>
        _index.TryGetValue((group.Experiment, group.K, graph, scope, proxy), out int i) ? Cells[i] : null;

    /// <summary>Significant after Benjamini–Hochberg over all cells of the report.</summary>
    public bool IsSignificant(ReportCell cell) =>
        Significance is { } bh && bh.Significant[_index[(cell.Experiment, cell.K, cell.Graph, cell.Scope, cell.Proxy)]];

    public PaperReferenceRow? Reference(ReportRowGroup group, ReportCell cell) =>
        group.PaperRow is { } network ? _reference.Find(network, PartitioningLabel.Of(cell.Graph, cell.Scope), cell.Proxy) : null;

    /// <summary>The percentiles behind a cell: one network's, or all replicates' pooled.</summary>
    public static IReadOnlyList<double> Percentiles(ProxyStats stats) => stats switch
    {
        NetworkProxyStats n => n.Percentiles,
        ReplicateProxyStats r => r.Replicates.SelectMany(n => n.Percentiles).ToArray(),
        _ => [],
    };

    private static ReportCell Validate(ReportCell? cell, int i)
    {
        if (cell is null) throw new ArgumentException($"cell {i} is null", "cells");
        string where = $"cell {i} (experiment '{cell.Experiment}')";
        if (string.IsNullOrEmpty(cell.Experiment)) throw new ArgumentException($"cell {i} has no experiment name", "cells");
        if (cell.Label is null) throw new ArgumentException($"{where} has no label", "cells");
        if (string.IsNullOrEmpty(cell.Proxy)) throw new ArgumentException($"{where} has no proxy", "cells");
        if (cell.K < 1) throw new ArgumentException($"{where} has k = {cell.K}", "cells");
        if (cell.Stats is null) throw new ArgumentException($"{where} has no statistics", "cells");
        try
        {
            PartitioningLabel.Order(cell.Graph, cell.Scope);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{where}: {e.Message}", "cells", e);
        }
        double p = cell.Stats.PValue.P;
        if (!(p >= 0 && p <= 1)) throw new ArgumentException($"{where} has p = {p}", "cells");
        return cell;
    }
}
