namespace LocalSpec.Graphs;

/// <summary>What graph.json says, before it is checked against graph.safetensors.</summary>
internal sealed record GraphJsonContents(GraphKind Kind, IReadOnlyList<GraphLayer> Layers, bool[] Dead,
    GraphProvenance Provenance, string SafetensorsSha256);
