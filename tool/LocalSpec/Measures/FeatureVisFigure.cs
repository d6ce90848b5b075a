namespace LocalSpec.Measures;

/// <summary>
/// The feature visualizations of one layer laid out like the paper's Figure 6: one row per analysed
/// subcluster (in cluster order), its true image first and its random controls after it. Reporting
/// draws it: <c>PngGrid.Compose(figure.Cells, figure.ImageShape)</c>.
/// </summary>
/// <param name="Layer">The i of <c>layers.{i}</c>.</param>
/// <param name="ImageShape">[C, H, W] of every image (the network's input).</param>
public sealed record FeatureVisFigure(int Layer, int[] ImageShape, IReadOnlyList<FeatureVisFigureRow> Rows)
{
    /// <summary>The conventional file name of the figure, <c>featvis-layers.{i}.png</c>.</summary>
    public string FileName => $"featvis-layers.{Layer}.png";

    /// <summary>Rows of images [C, H, W] (values in (0, 1)): true image, then the controls'.</summary>
    public IReadOnlyList<IReadOnlyList<float[]?>> Cells =>
        [.. Rows.Select(r => (IReadOnlyList<float[]?>)[r.TrueImage, .. r.RandomImages])];
}
