namespace LocalSpec.Data;

/// <summary>Options of <see cref="DatasetCatalog.Fetch"/>.</summary>
public sealed record DataFetchOptions
{
    public static DataFetchOptions Default { get; } = new();

    /// <summary>Import from this folder instead of using a package client (required for mnist and cifar10).</summary>
    public string? FromDirectory { get; init; }

    /// <summary>Replace the stored set even if it is present and complete.</summary>
    public bool Force { get; init; }

    /// <summary>Receives progress lines.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Replaces PATH when looking for npm, apt-get and dpkg-deb (null: PATH).</summary>
    public string? ClientSearchPath { get; init; }
}
