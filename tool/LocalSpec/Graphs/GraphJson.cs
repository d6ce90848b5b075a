using System.Globalization;
using System.Text.Json;

namespace LocalSpec.Graphs;

/// <summary>
/// graph.json, the readable half of a graph file (format <c>localspec.graph/1</c>): kind, model
/// SHA-256, options, the layer table, and one line per node {layer, unit, dead} (layer = index into
/// "layers"). Keys in a fixed order and no volatile value, so the same graph gives the same bytes.
/// </summary>
internal static class GraphJson
{
    public const string Format = "localspec.graph/1";

    // Utf8JsonWriter puts raw values on the current line: one table row per line, indented as the writer would.
    private const string Item = "\n    ";

    public static string KindName(GraphKind kind) => kind == GraphKind.Weights ? "weights" : "activations";

    public static string RoleName(GraphLayerRole role) => role.ToString().ToLowerInvariant();

    public static string NormName(KernelNorm norm) => norm.ToString().ToLowerInvariant();

    public static byte[] Serialize(NeuronGraph graph, GraphProvenance provenance, string safetensorsSha256)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteString("kind", KindName(graph.Kind));
            w.WriteString("model_sha256", provenance.ModelSha256);
            w.WriteString("safetensors_sha256", safetensorsSha256);
            WriteOptions(w, provenance);
            w.WriteNumber("node_count", graph.NodeCount);
            w.WriteStartArray("layers");
            foreach (var layer in graph.Layers)
            {
                w.WriteRawValue(Item + Invariant(
                    $"{{\"name\": {JsonSerializer.Serialize(layer.Name)}, \"parameter_layer\": {layer.ParameterLayer}, \"role\": \"{RoleName(layer.Role)}\", \"units\": {layer.Units}, \"offset\": {layer.Offset}}}"));
            }
            w.WriteEndArray();
            w.WriteStartArray("nodes");
            for (int l = 0; l < graph.Layers.Count; l++)
            {
                var layer = graph.Layers[l];
                for (int u = 0; u < layer.Units; u++)
                    w.WriteRawValue(Item + Invariant($"{{\"layer\": {l}, \"unit\": {u}, \"dead\": {(graph.Dead[layer.Offset + u] ? "true" : "false")}}}"));
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static void WriteOptions(Utf8JsonWriter w, GraphProvenance p)
    {
        w.WriteStartObject("options");
        if (p.KernelNorm is { } norm) w.WriteString("kernel_norm", NormName(norm));
        if (p.Dataset is { } dataset) w.WriteString("dataset", dataset);
        if (p.TrainExamples is { } train) w.WriteNumber("train_examples", train);
        if (p.MaxExamples is { } max) w.WriteNumber("max_examples", max);
        if (p.Seed is { } seed) w.WriteNumber("seed", seed);
        if (p.Examples is { } examples)
        {
            w.WriteNumber("example_count", examples.Count);
            w.WritePropertyName("examples");
            w.WriteRawValue("[" + string.Join(", ", examples.Select(e => e.ToString(CultureInfo.InvariantCulture))) + "]");
        }
        w.WriteEndObject();
    }

    /// <exception cref="GraphFileException">Not valid JSON, or a field is missing or wrong (the message names it).</exception>
    public static GraphJsonContents Parse(byte[] bytes, string path)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw new GraphFileException(path, $"not valid JSON ({e.Message.ReplaceLineEndings(" ")})", e);
        }
        using (document)
        {
            var r = new JsonFields(path);
            var root = r.Object(document.RootElement, "(root)");
            string format = r.StringProperty(root, "format");
            if (format != Format)
                throw new GraphFileException(path, $"format: \"{format}\" is not {Format} (written by another version of LocalSpec?)");
            string kindName = r.StringProperty(root, "kind");
            GraphKind kind = kindName switch
            {
                "weights" => GraphKind.Weights,
                "activations" => GraphKind.Activations,
                _ => throw new GraphFileException(path, $"kind: \"{kindName}\" is not \"weights\" or \"activations\""),
            };
            var layers = ParseLayers(r, root);
            int n = r.IntProperty(root, "node_count");
            if (n != (layers.Count == 0 ? 0 : layers[^1].End))
                throw new GraphFileException(path, Invariant($"node_count: {n}, but the layers hold {(layers.Count == 0 ? 0 : layers[^1].End)} units"));
            bool[] dead = ParseNodes(r, root, layers, n);
            var provenance = ParseOptions(r, root, r.StringProperty(root, "model_sha256"));
            return new GraphJsonContents(kind, layers, dead, provenance, r.StringProperty(root, "safetensors_sha256"));
        }
    }

    private static List<GraphLayer> ParseLayers(JsonFields r, JsonElement root)
    {
        var layers = new List<GraphLayer>();
        int offset = 0, index = 0;
        foreach (var e in r.ArrayProperty(root, "layers"))
        {
            string at = Invariant($"layers[{index++}]");
            var item = r.Object(e, at);
            int units = r.IntProperty(item, "units", at), start = r.IntProperty(item, "offset", at);
            if (units < 1) throw r.Error($"{at}.units: must be positive (got {units})");
            if (start != offset) throw r.Error(Invariant($"{at}.offset: {start}, but the layers before it end at node {offset}"));
            string roleName = r.StringProperty(item, "role", at);
            var role = Enum.GetValues<GraphLayerRole>().Where(v => RoleName(v) == roleName).Cast<GraphLayerRole?>().FirstOrDefault()
                ?? throw r.Error($"{at}.role: \"{roleName}\" is not \"input\", \"hidden\" or \"output\"");
            layers.Add(new GraphLayer(r.StringProperty(item, "name", at), r.IntProperty(item, "parameter_layer", at), units, start) { Role = role });
            offset += units;
        }
        if (layers.Count == 0) throw r.Error("layers: must list at least one layer");
        return layers;
    }

    private static bool[] ParseNodes(JsonFields r, JsonElement root, List<GraphLayer> layers, int n)
    {
        var nodes = r.ArrayProperty(root, "nodes");
        if (nodes.Count != n) throw r.Error(Invariant($"nodes: {nodes.Count} entries, but node_count is {n}"));
        var dead = new bool[n];
        int node = 0;
        for (int l = 0; l < layers.Count; l++)
        {
            for (int u = 0; u < layers[l].Units; u++, node++)
            {
                string at = Invariant($"nodes[{node}]");
                var item = r.Object(nodes[node], at);
                int layer = r.IntProperty(item, "layer", at), unit = r.IntProperty(item, "unit", at);
                if (layer != l || unit != u)
                    throw r.Error(Invariant($"{at}: layer {layer}, unit {unit}, but the layer table puts node {node} at layer {l}, unit {u}"));
                dead[node] = r.BoolProperty(item, "dead", at);
            }
        }
        return dead;
    }

    private static GraphProvenance ParseOptions(JsonFields r, JsonElement root, string modelSha256)
    {
        var options = r.Object(r.Property(root, "options", "(root)"), "options");
        KernelNorm? norm = null;
        if (r.Optional(options, "kernel_norm") is { } normElement)
        {
            string name = r.String(normElement, "options.kernel_norm");
            norm = Enum.GetValues<KernelNorm>().Where(v => NormName(v) == name).Cast<KernelNorm?>().FirstOrDefault()
                ?? throw r.Error($"options.kernel_norm: \"{name}\" is not \"l1\" or \"induced\"");
        }
        int[]? examples = r.Optional(options, "examples") is { } list
            ? r.Array(list, "options.examples").Select((e, i) => r.Int(e, Invariant($"options.examples[{i}]"))).ToArray()
            : null;
        if (examples is not null && r.Optional(options, "example_count") is { } count && r.Int(count, "options.example_count") != examples.Length)
            throw r.Error(Invariant($"options.example_count: does not match the {examples.Length} entries of options.examples"));
        return new GraphProvenance
        {
            ModelSha256 = modelSha256,
            KernelNorm = norm,
            Dataset = r.Optional(options, "dataset") is { } d ? r.String(d, "options.dataset") : null,
            TrainExamples = r.Optional(options, "train_examples") is { } t ? r.Int(t, "options.train_examples") : null,
            MaxExamples = r.Optional(options, "max_examples") is { } m ? r.Int(m, "options.max_examples") : null,
            Seed = r.Optional(options, "seed") is { } s ? r.UInt64(s, "options.seed") : null,
            Examples = examples,
        };
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
