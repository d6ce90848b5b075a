using LocalSpec.Graphs;

namespace LocalSpec.Partitioning;

/// <summary>
/// The graph a layer-scope clustering of layer l sees (METHOD.md §3): for weights, layers
/// l−1, l, l+1 (those that exist) with all their edges; for activations, layer l alone. Nodes are
/// ordered layer by layer, so either is a contiguous range of nodes: a principal submatrix.
/// </summary>
internal sealed record LayerSubgraph(float[] Adjacency, int N, bool[] Dead, int LayerOffset, int LayerUnits)
{
    public static LayerSubgraph Of(NeuronGraph graph, int layer)
    {
        IReadOnlyList<GraphLayer> layers = graph.Layers;
        int first = graph.Kind == GraphKind.Weights ? Math.Max(layer - 1, 0) : layer;
        int last = graph.Kind == GraphKind.Weights ? Math.Min(layer + 1, layers.Count - 1) : layer;
        int start = layers[first].Offset, end = layers[last].Offset + layers[last].Units, n = end - start, all = graph.NodeCount;
        var adjacency = new float[n * n];
        for (int i = 0; i < n; i++)
            graph.Adjacency.AsSpan((start + i) * all + start, n).CopyTo(adjacency.AsSpan(i * n, n));
        return new LayerSubgraph(adjacency, n, graph.Dead[start..end], layers[layer].Offset - start, layers[layer].Units);
    }
}
