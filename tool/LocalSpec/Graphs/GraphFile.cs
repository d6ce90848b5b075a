using System.Globalization;
using LocalSpec.Data;
using LocalSpec.Nn.Safetensors;

namespace LocalSpec.Graphs;

/// <summary>
/// A graph on disk as two files with the same stem (ARCHITECTURE.md, "graph" stage):
/// <c>graph.safetensors</c> with the tensors <c>adjacency</c> (F32 [N, N]) and <c>dead</c>
/// (F32 [N], 1 for dead units), and <c>graph.json</c> (<see cref="GraphJson"/>: kind, layer and node
/// tables, options, the model's SHA-256 and the safetensors file's SHA-256, which ties the pair).
/// Both are written atomically and only when their bytes change.
/// </summary>
public static class GraphFile
{
    public const string Format = GraphJson.Format;

    /// <summary>The graph.json beside a graph.safetensors path (same stem).</summary>
    public static string JsonPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (string.Equals(Path.GetExtension(path), ".json", StringComparison.OrdinalIgnoreCase))
            throw new GraphFileException(path, "a graph path names the .safetensors file; its .json goes beside it (use e.g. graph.safetensors)");
        return Path.ChangeExtension(path, ".json");
    }

    /// <summary>Writes graph.safetensors and graph.json. Returns false when both already held these bytes.</summary>
    /// <exception cref="ArgumentException">The graph breaks an invariant (asymmetric, negative, self-loops, live edges of a dead unit).</exception>
    /// <exception cref="IOException">Writing failed; the message names the file.</exception>
    public static bool Save(NeuronGraph graph, string path, GraphProvenance provenance)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(provenance);
        string jsonPath = JsonPath(path);
        if (GraphValidation.Problem(graph) is { } problem)
            throw new ArgumentException($"Refusing to save an invalid graph: {problem}.", nameof(graph));
        int n = graph.NodeCount;
        float[] dead = graph.Dead.Select(d => d ? 1f : 0f).ToArray();
        var metadata = new Dictionary<string, string> { ["format"] = Format, ["kind"] = GraphJson.KindName(graph.Kind) };
        byte[] tensors = SafetensorsWriter.Serialize(
            [new NamedTensor("adjacency", [n, n], graph.Adjacency), new NamedTensor("dead", [n], dead)], metadata);
        string sha = FileHashing.Sha256Hex(tensors);
        bool wrote = AtomicFile.WriteIfChanged(path, tensors);
        wrote |= AtomicFile.WriteIfChanged(jsonPath, GraphJson.Serialize(graph, provenance, sha));
        return wrote;
    }

    /// <summary>The graph in <paramref name="path"/> (and its graph.json).</summary>
    public static NeuronGraph Load(string path) => Read(path).Graph;

    /// <summary>
    /// Reads and checks a graph file pair: shapes, agreement of the two files (node count, kind,
    /// dead flags, the recorded SHA-256), and the adjacency's invariants (finite, non-negative,
    /// symmetric, zero diagonal, dead rows zero).
    /// </summary>
    /// <exception cref="GraphFileException">A file is missing, malformed, or disagrees with the other (one line naming the file).</exception>
    /// <exception cref="SafetensorsFormatException">graph.safetensors is not a valid safetensors file.</exception>
    public static GraphFileContents Read(string path)
    {
        string jsonPath = JsonPath(path);
        byte[] bytes = ReadAll(path);
        var file = SafetensorsFile.Parse(bytes, path);
        var json = GraphJson.Parse(ReadAll(jsonPath), jsonPath);
        int n = json.Dead.Length;
        CheckMetadata(file, path, json.Kind);
        if (file.Tensors.Count != 2 || !file.TryGet("adjacency", out var adjacencyTensor) || !file.TryGet("dead", out var deadTensor))
            throw new GraphFileException(path, $"expected exactly the tensors 'adjacency' and 'dead', found {string.Join(", ", file.Tensors.Select(t => $"'{t.Name}'"))}");
        float[] adjacency = Float32(adjacencyTensor, path, [n, n], jsonPath);
        float[] deadValues = Float32(deadTensor, path, [n], jsonPath);
        var dead = new bool[n];
        for (int i = 0; i < n; i++)
        {
            if (deadValues[i] is not (0f or 1f))
                throw new GraphFileException(path, Invariant($"dead[{i}] = {deadValues[i]}: must be 0 or 1"));
            dead[i] = deadValues[i] == 1f;
            if (dead[i] != json.Dead[i])
                throw new GraphFileException(path, Invariant($"dead[{i}] = {deadValues[i]} but {Path.GetFileName(jsonPath)} says node {i} is {(json.Dead[i] ? "dead" : "live")}"));
        }
        var graph = new NeuronGraph(json.Kind, json.Layers, adjacency, dead);
        if (GraphValidation.Problem(graph) is { } problem) throw new GraphFileException(path, problem);
        string sha = FileHashing.Sha256Hex(bytes);
        if (sha != json.SafetensorsSha256)
            throw new GraphFileException(jsonPath,
                $"safetensors_sha256 does not match {Path.GetFileName(path)} (the two files were not written together, or one was changed); rebuild the graph");
        return new GraphFileContents(graph, json.Provenance, sha);
    }

    private static void CheckMetadata(SafetensorsFile file, string path, GraphKind kind)
    {
        if (!file.Metadata.TryGetValue("format", out string? format) || format != Format)
            throw new GraphFileException(path, $"not a LocalSpec graph (__metadata__.format is {(format is null ? "missing" : $"\"{format}\"")}, expected \"{Format}\")");
        string expected = GraphJson.KindName(kind);
        if (!file.Metadata.TryGetValue("kind", out string? actual) || actual != expected)
            throw new GraphFileException(path, $"__metadata__.kind is {(actual is null ? "missing" : $"\"{actual}\"")} but the .json says \"{expected}\"");
    }

    private static float[] Float32(SafetensorsTensor tensor, string path, int[] shape, string jsonPath)
    {
        if (tensor.DType != SafetensorsDType.F32)
            throw new GraphFileException(path, $"tensor '{tensor.Name}' has dtype {tensor.DType}, expected F32");
        if (!tensor.HasShape(shape))
            throw new GraphFileException(path,
                $"tensor '{tensor.Name}' has shape [{string.Join(", ", tensor.Shape)}] but {Path.GetFileName(jsonPath)} describes {shape[0]} nodes, so [{string.Join(", ", shape)}]");
        return tensor.ToFloat32();
    }

    private static byte[] ReadAll(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (FileNotFoundException e)
        {
            throw new GraphFileException(path, "file not found (a graph is a .safetensors file and a .json file with the same stem)", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new GraphFileException(path, $"cannot read ({e.Message.ReplaceLineEndings(" ")})", e);
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
