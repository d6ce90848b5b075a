namespace LocalSpec.Graphs;

/// <summary>
/// How node layer l is wired to layer l + 1 in a weight graph: through the weight of module
/// <see cref="Module"/> (dense [J, I] or conv [J, I, kh, kw]), every edge leaving unit i of
/// layer l multiplied by <see cref="SourceScale"/>[i] (the BatchNorms in between, METHOD.md §2;
/// null when there are none).
/// </summary>
internal sealed record NodeLink(int Module, double[]? SourceScale);
