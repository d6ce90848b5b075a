namespace LocalSpec.Data;

/// <summary>One row of <c>localspec data list</c>: a known name and what the store holds for it.</summary>
public sealed record DatasetStatus(
    string Name,
    bool Present,
    int? TrainCount,
    int? TestCount,
    string Location,
    string Source);
