namespace LocalSpec.Data;

/// <summary>What a fetch needs besides the target folder.</summary>
internal sealed record FetchRequest(string? FromDirectory, ClientProcess Clients, Action<string>? Log);

/// <summary>One stored data set: how to fill its folder and how to read it back.</summary>
internal interface IDataSource
{
    DatasetInfo Info { get; }

    /// <summary>Fills the empty <paramref name="folder"/>, verifies it, returns its manifest (not yet written).</summary>
    DataManifest Produce(string folder, FetchRequest request);

    /// <summary>Reads a complete stored set.</summary>
    (LabeledImages Train, LabeledImages Test) Load(string folder, DataManifest manifest);
}
