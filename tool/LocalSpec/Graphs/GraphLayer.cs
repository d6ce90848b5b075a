namespace LocalSpec.Graphs;

/// <summary>
/// One layer of neurons in a graph. <see cref="ParameterLayer"/> is the i of the <c>layers.{i}</c>
/// weight tensor whose output units these are (−1 for the network's input units); it is how every
/// later stage (lesions, measurements.json) names a layer. <see cref="Offset"/> is the node index
/// of the layer's first unit: nodes are ordered layer by layer, forward, units in order.
/// </summary>
public sealed record GraphLayer(string Name, int ParameterLayer, int Units, int Offset)
{
    /// <summary>Hidden unless these are the network's inputs or outputs (MLP weight graphs).</summary>
    public GraphLayerRole Role { get; init; } = GraphLayerRole.Hidden;

    /// <summary>One past the layer's last node.</summary>
    public int End => Offset + Units;
}
