namespace LocalSpec.Graphs;

/// <summary>
/// A layer of graph nodes as found in a network: the outputs of module <see cref="Module"/>
/// (a dense or conv module; −1 for the network's input features).
/// </summary>
internal sealed record NodeLayer(string Name, int ParameterLayer, int Module, int Units, GraphLayerRole Role);
