using System.Globalization;
using System.Text.Json.Nodes;
using LocalSpec.Data;
using LocalSpec.Graphs;
using LocalSpec.Partitioning;

namespace LocalSpec.Pipeline;

/// <summary>How the planner spells values in keys and stage ids (one vocabulary for both).</summary>
internal static class StageParameters
{
    public static string Name(GraphKind kind) => kind == GraphKind.Weights ? "weights" : "activations";

    public static string Name(PartitionScope scope) => scope == PartitionScope.Network ? "network" : "layer";

    public static string Name(KernelNorm norm) => norm == KernelNorm.L1 ? "l1" : "induced";

    public static string Name(RestartSelection selection) => selection == RestartSelection.NCut ? "ncut" : "inertia";

    /// <summary>The data set's identity in a key: its name, derivation seed and the content hashes of its files.</summary>
    public static JsonObject Dataset(Dataset data)
    {
        var files = new JsonArray();
        foreach (var f in data.Files.OrderBy(f => Path.GetFileName(f.Path), StringComparer.Ordinal))
            files.Add(new JsonObject { ["name"] = Path.GetFileName(f.Path), ["sha256"] = f.Sha256 });
        var o = new JsonObject { ["name"] = data.Name, ["files"] = files, ["train"] = data.Train.Count, ["test"] = data.Test.Count };
        if (data.Seed is ulong seed) o["seed"] = seed;
        return o;
    }

    public static string Replicate(int r) => string.Create(CultureInfo.InvariantCulture, $"r{r}");
}
