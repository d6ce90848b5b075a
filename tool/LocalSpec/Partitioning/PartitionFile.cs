using LocalSpec.Graphs;
using System.Text.Json;
using LocalSpec.Nn.Safetensors;

namespace LocalSpec.Partitioning;

/// <summary>
/// <c>partition.json</c>: the partition stage's artifact, written atomically with a fixed key
/// order, invariant-culture round-trip numbers and one-line integer arrays, so the same
/// partition always gives the same bytes. Format <c>localspec.partition/1</c>:
/// <code>
/// { "format", "scope": "network"|"layer", "graph_kind": "weights"|"activations", "k", "seed", "n_init",
///   "restart_selection": "ncut"|"inertia" (the restart each clustering kept; absent in older files: inertia),
///   "ncut": network n-cut | Σ layer n-cuts, "eigenvalues": network's | [],
///   "clustering": {"k", "clusters", "nodes", "components", "ncut", "eigenvalues", "inertia", "eigen_residual"} (network scope),
///   "layers": [{"name", "parameter_layer", "role": "input"|"hidden"|"output", "units", "k", "labels": [−1 | cluster per unit],
///               "dead": [unit], "clustering": {…} (layer scope, clustered hidden layers)}],
///   "subclusters": [{"layer": parameter layer, "cluster", "units": [unit], "analysable"}] }
/// </code>
/// </summary>
public static class PartitionFile
{
    public const string Format = "localspec.partition/1";

    /// <summary>Writes <paramref name="partition"/> to <paramref name="path"/> (replace-by-rename).</summary>
    /// <exception cref="IOException">The file cannot be written; the message names it.</exception>
    public static void Save(string path, Partition partition)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(partition);
        AtomicFile.Write(path, ToBytes(partition));
    }

    /// <summary>The exact bytes <see cref="Save"/> writes.</summary>
    public static byte[] ToBytes(Partition partition) => PartitionJsonWriter.Write(partition);

    /// <summary>Reads and checks a partition file.</summary>
    /// <exception cref="PartitionException">The file is not a valid partition; the one-line message names the file and field.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static Partition Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: file not found", path);
        return Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>Parses partition JSON; <paramref name="source"/> names it in error messages.</summary>
    public static Partition Parse(ReadOnlyMemory<byte> json, string source)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            return new PartitionJsonReader(source).Read(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new PartitionException($"{source}: not valid JSON ({e.Message.ReplaceLineEndings(" ")})", e);
        }
    }

    internal static string Name(PartitionScope scope) => scope == PartitionScope.Network ? "network" : "layer";

    internal static string Name(Graphs.GraphKind kind) => kind == Graphs.GraphKind.Weights ? "weights" : "activations";

    internal static string Name(RestartSelection selection) => selection == RestartSelection.NCut ? "ncut" : "inertia";

    internal static string Name(GraphLayerRole role) => role switch
    {
        GraphLayerRole.Input => "input",
        GraphLayerRole.Output => "output",
        _ => "hidden",
    };
}
