using System.Text.Json.Nodes;

namespace LocalSpec.Pipeline;

/// <summary>
/// One stage instance of an experiment's plan (train × replicate, graph × kind, partition × scope × k,
/// measure × proxy family, stats, report): what it computes, from what, and the work itself. Its key
/// (<see cref="StageKeyInput"/>) is the kind, the format version, <see cref="Parameters"/>, the keys of
/// <see cref="Upstream"/> and the hashes of <see cref="InputFiles"/>; nothing else.
/// </summary>
public sealed class StageDefinition
{
    /// <summary>The manifest (experiment) name this instance belongs to.</summary>
    public required string Experiment { get; init; }

    /// <summary>Full path of that manifest (where diagnostics about this instance point).</summary>
    public required string ManifestPath { get; init; }

    /// <summary>Where in the manifest the field that defines this instance is written (1-based), for diagnostics.</summary>
    public (int Line, int Column) Position { get; init; } = (1, 1);

    /// <summary>Instance name, unique within a manifest: <c>partition/weights/network/k16@r0</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Stage kind (<see cref="StageKinds"/>); also the store's top-level folder.</summary>
    public required string Kind { get; init; }

    /// <summary>Bumped when the stage's algorithm or output format changes, so old artifacts stop matching.</summary>
    public required int FormatVersion { get; init; }

    /// <summary>The stage's own parameters (the declared key set), as they enter the key.</summary>
    public required JsonObject Parameters { get; init; }

    /// <summary>Stages whose artifacts this one reads, by their <see cref="Id"/>.</summary>
    public IReadOnlyList<StageDefinition> Upstream { get; init; } = [];

    /// <summary>Files outside the store that this stage reads (a user's weights file), by name → full path.</summary>
    public IReadOnlyDictionary<string, string> InputFiles { get; init; } = new Dictionary<string, string>();

    /// <summary>Output files whose bytes legitimately differ between runs (timings): verified in the store, left out of the lock file.</summary>
    public IReadOnlySet<string> VolatileOutputs { get; init; } = new HashSet<string>();

    /// <summary>The work: writes the stage's files into <see cref="StageContext.OutputDirectory"/>.</summary>
    public required Action<StageContext> Execute { get; init; }

    /// <summary>How long the work is expected to take relative to other stages (0 = instant); only for scheduling and progress.</summary>
    public double Weight { get; init; } = 1;

    public override string ToString() => $"{Experiment}:{Id}";
}
