using LocalSpec.Graphs;

namespace LocalSpec.Partitioning;

/// <summary>What a graph layer's units are in the network; only hidden layers are clustered per layer and have subclusters.</summary>
public enum LayerRole
{
    Hidden,

    /// <summary>The network's input features (the MLP weight graph's first layer, parameter layer −1).</summary>
    Input,

    /// <summary>The logits (the MLP weight graph's last layer).</summary>
    Output,
}

/// <summary>
/// Decides layer roles from the contract's layer table: a layer with parameter layer −1 is the
/// network input, and only a graph that holds the input also holds the logits, as its last layer
/// (METHOD.md §2: the MLP weight graph has its 784 inputs and 10 outputs; CNN weight graphs and
/// activation graphs have hidden units only). The Graphs branch adds <c>GraphLayer.Role</c>;
/// once merged, this should read it instead.
/// </summary>
public static class LayerRoles
{
    public static LayerRole[] Of(NeuronGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        IReadOnlyList<GraphLayer> layers = graph.Layers;
        bool hasInput = layers.Any(l => l.ParameterLayer == -1);
        return [.. layers.Select((l, i) =>
            l.ParameterLayer == -1 ? LayerRole.Input
            : hasInput && i == layers.Count - 1 ? LayerRole.Output
            : LayerRole.Hidden)];
    }
}
