namespace LocalSpec.Reporting;

/// <summary>Everything a report shows: the statistics cells of all experiments and the feature-visualization grids.</summary>
public sealed record ReportInput(IReadOnlyList<ReportCell> Cells, IReadOnlyList<FeatureVisGrid> FeatureVis);
