using LocalSpec.Stats;

namespace LocalSpec.Reporting;

/// <summary>
/// One cell of the results tables: the statistics of one proxy for one experiment, partitioning
/// (graph × scope) and number of clusters k.
/// </summary>
/// <param name="Experiment">The manifest name; cells of one experiment share it.</param>
/// <param name="Label">The row label in tables and figures (the manifest's label).</param>
/// <param name="PaperRow">The `network` value of the paper reference row to show beside ours, or null.</param>
/// <param name="Graph"><c>weights</c> or <c>activations</c>.</param>
/// <param name="Scope"><c>network</c> or <c>layer</c>.</param>
/// <param name="K">The number of clusters of the partitioning.</param>
/// <param name="Proxy">The proxy name (<c>lesion.acc_drop</c>, <c>lesion.class_range</c>, <c>featvis.score</c>, <c>featvis.entropy</c>, …).</param>
/// <param name="Stats">One network's or the replicates' statistics.</param>
public sealed record ReportCell(string Experiment, string Label, string? PaperRow,
    string Graph, string Scope, int K, string Proxy, ProxyStats Stats);
