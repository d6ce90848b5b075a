namespace LocalSpec.Graphs;

/// <summary>The layer scope of METHOD.md §3: which layers are clustered one by one, and on which sub-graph.</summary>
public static class GraphScopes
{
    /// <summary>
    /// Indices into <see cref="NeuronGraph.Layers"/> of the layers that get a layer-scope clustering:
    /// the hidden layers (MLP weight graphs: the hidden dense layers, not the inputs or logits; CNN
    /// weight graphs and all activation graphs: every layer), in order.
    /// </summary>
    public static IReadOnlyList<int> ClusteredLayers(NeuronGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return Enumerable.Range(0, graph.Layers.Count).Where(l => graph.Layers[l].Role == GraphLayerRole.Hidden).ToArray();
    }

    /// <summary>
    /// The sub-graph for clustering layer <paramref name="layer"/> (an index into graph.Layers).
    /// Weight graphs: layers l − 1, l, l + 1 (those that exist) with every edge among them, i.e. the
    /// edges into and out of layer l. Activation graphs: layer l's own block of the correlation graph.
    /// Dead flags come along.
    /// </summary>
    public static ScopedGraph Layer(NeuronGraph graph, int layer)
    {
        ArgumentNullException.ThrowIfNull(graph);
        if ((uint)layer >= (uint)graph.Layers.Count)
            throw new ArgumentOutOfRangeException(nameof(layer), $"Layer {layer} is not in [0, {graph.Layers.Count}).");
        int first = layer, last = layer;
        if (graph.Kind == GraphKind.Weights)
        {
            first = Math.Max(0, layer - 1);
            last = Math.Min(graph.Layers.Count - 1, layer + 1);
        }
        return Cut(graph, first, last, layer);
    }

    /// <summary>The induced sub-graph of the consecutive layers first..last.</summary>
    private static ScopedGraph Cut(NeuronGraph graph, int first, int last, int focus)
    {
        int begin = graph.Layers[first].Offset, end = graph.Layers[last].End, count = end - begin;
        var layers = new GraphLayer[last - first + 1];
        for (int l = first; l <= last; l++)
            layers[l - first] = graph.Layers[l] with { Offset = graph.Layers[l].Offset - begin };
        var adjacency = new float[(long)count * count];
        int n = graph.NodeCount;
        for (int i = 0; i < count; i++)
            graph.Adjacency.AsSpan((int)((long)(begin + i) * n + begin), count).CopyTo(adjacency.AsSpan((int)((long)i * count), count));
        var sub = new NeuronGraph(graph.Kind, layers, adjacency, graph.Dead[begin..end]);
        return new ScopedGraph(sub, Enumerable.Range(begin, count).ToArray(), focus, focus - first);
    }
}
