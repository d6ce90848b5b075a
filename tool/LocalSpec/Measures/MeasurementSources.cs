namespace LocalSpec.Measures;

/// <summary>
/// What a measurements file was made from, as its content hashes (nothing volatile such as a path
/// or a time): recorded so that a stats or report stage can tell which model and partition a
/// file belongs to. Any field may be unknown (null).
/// </summary>
/// <param name="ModelSha256">SHA-256 of the weights file, lower-case hex.</param>
/// <param name="PartitionSha256">SHA-256 of partition.json, lower-case hex.</param>
/// <param name="Dataset">The data set whose test split the lesions were measured on.</param>
public sealed record MeasurementSources(string? ModelSha256 = null, string? PartitionSha256 = null, string? Dataset = null);
