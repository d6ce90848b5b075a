using System.Text.Json;
using LocalSpec.Graphs;

namespace LocalSpec.Partitioning;

/// <summary>Reads <see cref="PartitionFile"/>'s format, naming the file and field of the first problem.</summary>
internal sealed class PartitionJsonReader(string source)
{
    public Partition Read(JsonElement root)
    {
        Expect(root, JsonValueKind.Object, "the top level");
        string format = String(root, "format");
        if (format != PartitionFile.Format) throw Fail("format", $"is '{format}', expected '{PartitionFile.Format}'");
        var scope = Choice(root, "scope", new Dictionary<string, PartitionScope> { ["network"] = PartitionScope.Network, ["layer"] = PartitionScope.Layer });
        var kind = Choice(root, "graph_kind", new Dictionary<string, GraphKind> { ["weights"] = GraphKind.Weights, ["activations"] = GraphKind.Activations });
        int k = Int(root, "k", 1);
        ulong seed = Get(root, "seed", e => e.TryGetUInt64(out ulong v) ? v : throw Fail("seed", "is not an integer in 0..2⁶⁴−1"));
        int restarts = Int(root, "n_init", 1);
        // Files written before the rule was recorded kept the lowest-inertia restart.
        RestartSelection selection = root.TryGetProperty("restart_selection", out _)
            ? Choice(root, "restart_selection", new Dictionary<string, RestartSelection> { ["ncut"] = RestartSelection.NCut, ["inertia"] = RestartSelection.Inertia })
            : RestartSelection.Inertia;
        double ncut = Double(root, "ncut");
        double[] eigenvalues = Doubles(root, "eigenvalues");
        ClusteringSummary? network = root.TryGetProperty("clustering", out JsonElement c) ? Clustering(c, "clustering") : null;
        if ((network is null) != (scope == PartitionScope.Layer)) throw Fail("clustering", "must be present in network scope only");
        LayerPartition[] layers = [.. Array(root, "layers").Select((e, i) => Layer(e, $"layers[{i}]"))];
        Subcluster[] subclusters = [.. Array(root, "subclusters").Select((e, i) => Subcluster(e, $"subclusters[{i}]"))];
        Subcluster[] expected = Subclusters.Find(layers);
        bool same = expected.Length == subclusters.Length && expected.Zip(subclusters).All(p =>
            p.First.Layer == p.Second.Layer && p.First.Cluster == p.Second.Cluster
            && p.First.Units.AsSpan().SequenceEqual(p.Second.Units) && p.First.Analysable == p.Second.Analysable);
        if (!same) throw Fail("subclusters", "do not match the layers' labels and dead units");
        return new Partition(scope, kind, k, seed, restarts, ncut, eigenvalues, network, layers, subclusters) { Selection = selection };
    }

    private LayerPartition Layer(JsonElement e, string at)
    {
        Expect(e, JsonValueKind.Object, at);
        var role = Choice(e, "role", new Dictionary<string, GraphLayerRole> { ["input"] = GraphLayerRole.Input, ["hidden"] = GraphLayerRole.Hidden, ["output"] = GraphLayerRole.Output }, at);
        int units = Int(e, "units", 0, at);
        int[] labels = Ints(e, "labels", at);
        if (labels.Length != units) throw Fail($"{at}.labels", $"has {labels.Length} entries but units is {units}");
        if (labels.Any(l => l < -1)) throw Fail($"{at}.labels", "holds a label below −1");
        int[] dead = Ints(e, "dead", at);
        for (int i = 0; i < dead.Length; i++)
            if (dead[i] < 0 || dead[i] >= units || (i > 0 && dead[i] <= dead[i - 1]))
                throw Fail($"{at}.dead", "must be ascending unit indices within the layer");
        int k = Int(e, "k", 0, at);
        if (k != labels.Where(l => l >= 0).Distinct().Count()) throw Fail($"{at}.k", "is not the number of distinct labels");
        ClusteringSummary? clustering = e.TryGetProperty("clustering", out JsonElement c) ? Clustering(c, $"{at}.clustering") : null;
        return new LayerPartition(String(e, "name", at), Int(e, "parameter_layer", -1, at), role, k, labels, dead, clustering);
    }

    private ClusteringSummary Clustering(JsonElement e, string at)
    {
        Expect(e, JsonValueKind.Object, at);
        return new ClusteringSummary(Int(e, "k", 1, at), Int(e, "clusters", 0, at), Int(e, "nodes", 0, at), Int(e, "components", 0, at),
            Double(e, "ncut", at), Doubles(e, "eigenvalues", at), Double(e, "inertia", at), Double(e, "eigen_residual", at));
    }

    private Subcluster Subcluster(JsonElement e, string at)
    {
        Expect(e, JsonValueKind.Object, at);
        bool analysable = Get(e, "analysable", v => v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : throw Fail($"{at}.analysable", "is not true or false"), at);
        return new Subcluster(Int(e, "layer", -1, at), Int(e, "cluster", 0, at), Ints(e, "units", at), analysable);
    }

    private T Get<T>(JsonElement e, string name, Func<JsonElement, T> read, string? at = null)
    {
        if (!e.TryGetProperty(name, out JsonElement v)) throw Fail(Path(at, name), "is missing");
        return read(v);
    }

    private int Int(JsonElement e, string name, int minimum, string? at = null) => Get(e, name, v =>
        v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int x) && x >= minimum ? x : throw Fail(Path(at, name), $"is not an integer ≥ {minimum}"), at);

    private double Double(JsonElement e, string name, string? at = null) => Get(e, name, v =>
        v.ValueKind == JsonValueKind.Number ? v.GetDouble() : throw Fail(Path(at, name), "is not a number"), at);

    private string String(JsonElement e, string name, string? at = null) => Get(e, name, v =>
        v.ValueKind == JsonValueKind.String ? v.GetString()! : throw Fail(Path(at, name), "is not a string"), at);

    private T Choice<T>(JsonElement e, string name, Dictionary<string, T> choices, string? at = null)
    {
        string value = String(e, name, at);
        return choices.TryGetValue(value, out T? x) ? x : throw Fail(Path(at, name), $"is '{value}', expected one of {string.Join(", ", choices.Keys)}");
    }

    private JsonElement[] Array(JsonElement e, string name, string? at = null) => Get(e, name, v =>
        v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().ToArray() : throw Fail(Path(at, name), "is not an array"), at);

    private int[] Ints(JsonElement e, string name, string? at = null) => [.. Array(e, name, at).Select(v =>
        v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int x) ? x : throw Fail(Path(at, name), "holds a value that is not an integer"))];

    private double[] Doubles(JsonElement e, string name, string? at = null) => [.. Array(e, name, at).Select(v =>
        v.ValueKind == JsonValueKind.Number ? v.GetDouble() : throw Fail(Path(at, name), "holds a value that is not a number"))];

    private void Expect(JsonElement e, JsonValueKind kind, string at)
    {
        if (e.ValueKind != kind) throw new PartitionException($"{source}: {at} is not a JSON {kind.ToString().ToLowerInvariant()}");
    }

    private static string Path(string? at, string name) => at is null ? name : $"{at}.{name}";

    private PartitionException Fail(string field, string problem) => new($"{source}: field '{field}' {problem}");
}
