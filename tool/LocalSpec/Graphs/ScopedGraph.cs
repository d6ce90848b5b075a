namespace LocalSpec.Graphs;

/// <summary>
/// The graph a layer-scope clustering of one layer runs on (METHOD.md §3), cut from a network-wide
/// graph. <see cref="ParentNodes"/>[k] is the parent's node index of node k; the layer being
/// clustered is <see cref="Graph"/>.Layers[<see cref="Focus"/>], whose nodes are the range
/// [<see cref="FocusOffset"/>, <see cref="FocusOffset"/> + <see cref="FocusUnits"/>): only their labels are kept.
/// </summary>
public sealed record ScopedGraph(NeuronGraph Graph, int[] ParentNodes, int ParentLayer, int Focus)
{
    public int FocusOffset => Graph.Layers[Focus].Offset;

    public int FocusUnits => Graph.Layers[Focus].Units;
}
