namespace LocalSpec.Data;

/// <summary>What the catalog knows about a stored data set before it is loaded.</summary>
public sealed record DatasetInfo(
    string Name,
    string Description,
    DataAcquisition Acquisition,
    int Channels,
    int Height,
    int Width,
    int TrainCount,
    int TestCount,
    IReadOnlyList<string> ClassNames)
{
    /// <summary>The command that puts this set into the store.</summary>
    public string FetchCommand => Acquisition == DataAcquisition.UserSupplied
        ? $"localspec data fetch {Name} --from DIR"
        : $"localspec data fetch {Name}";
}
