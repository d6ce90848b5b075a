namespace LocalSpec.Data;

/// <summary>Options of <see cref="DatasetCatalog.Load"/>.</summary>
public sealed record DataLoadOptions
{
    public static DataLoadOptions Default { get; } = new();

    /// <summary>Fixes the random pairing of derived sets (halves, stack); stored sets ignore it.</summary>
    public ulong Seed { get; init; }

    /// <summary>Fetch a missing set that can be fetched (mnist10k, fashion-mnist) instead of failing.</summary>
    public bool AutoFetch { get; init; } = true;

    /// <summary>Re-hash the stored files against their manifest before reading them.</summary>
    public bool VerifyHashes { get; init; } = true;

    /// <summary>Receives progress lines (fetching, waiting for a lock, base set chosen).</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Replaces PATH when looking for npm, apt-get and dpkg-deb (null: PATH).</summary>
    public string? ClientSearchPath { get; init; }
}
