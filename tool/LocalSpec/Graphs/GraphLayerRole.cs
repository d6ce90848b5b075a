namespace LocalSpec.Graphs;

/// <summary>
/// What a graph layer's units are in the network. Only hidden layers are clustered layer by layer
/// and analysed for subclusters (METHOD.md §3, §5); the input and output units of an MLP weight
/// graph take part in the network-wide clustering only (METHOD.md §2).
/// </summary>
public enum GraphLayerRole
{
    Hidden,

    /// <summary>The network's input features (the MLP weight graph's first layer).</summary>
    Input,

    /// <summary>The network's outputs, the logits (the MLP weight graph's last layer).</summary>
    Output,
}
