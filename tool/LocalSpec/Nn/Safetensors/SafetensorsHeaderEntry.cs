namespace LocalSpec.Nn.Safetensors;

/// <summary>
/// One tensor entry of a header as written, before the layout checks: the values are
/// well-typed but not yet checked against each other or the data buffer.
/// </summary>
/// <param name="JsonIndex">Position among the tensor entries in the header; breaks ties when sorting by offsets.</param>
internal sealed record SafetensorsHeaderEntry(
    string Name, SafetensorsDType DType, ulong[] Shape, ulong Begin, ulong End, int JsonIndex);
