namespace LocalSpec.Graphs;

/// <summary>A graph read back by <see cref="GraphFile.Read"/>, with its provenance and the safetensors file's SHA-256.</summary>
public sealed record GraphFileContents(NeuronGraph Graph, GraphProvenance Provenance, string SafetensorsSha256);
