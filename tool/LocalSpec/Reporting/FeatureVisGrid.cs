namespace LocalSpec.Reporting;

/// <summary>A feature-visualization grid (PNG) that the report copies into its directory as <c>featvis-&lt;experiment&gt;-&lt;name&gt;.png</c>.</summary>
public sealed record FeatureVisGrid(string Experiment, string Name, string PngPath);
