using LocalSpec.Graphs;
using LocalSpec.Nn.Safetensors;

namespace LocalSpec.Tests.Graphs;

public sealed class GraphFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("localspec-graph-tests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    /// <summary>input 2, hidden 3 (unit 1 dead), output 1 — an MLP-like weights table with activation-style dead flags.</summary>
    private static NeuronGraph Sample(GraphKind kind = GraphKind.Activations, float scale = 1)
    {
        GraphLayer[] layers =
        [
            new("input", -1, 2, 0) { Role = GraphLayerRole.Input }, new("layers.0", 0, 3, 2),
            new("layers.1", 1, 1, 5) { Role = GraphLayerRole.Output },
        ];
        var a = GraphTestNetworks.Symmetric(6, (0, 2, 0.5f * scale), (1, 4, 2 * scale), (2, 5, 0.25f), (4, 5, 1e-9f), (0, 1, 3));
        return new NeuronGraph(kind, layers, a, [false, false, false, true, false, false]);
    }

    private static GraphProvenance Provenance() =>
        GraphProvenance.ForActivations(new string('a', 64), "mnist10k", 100, new ActivationGraphOptions { MaxExamples = 30, Seed = 3 });

    [Fact]
    public void A_saved_graph_reads_back_with_its_layers_dead_units_and_provenance()
    {
        string path = PathOf("graph.safetensors");
        var graph = Sample();

        Assert.True(GraphFile.Save(graph, path, Provenance()));
        var back = GraphFile.Read(path);

        Assert.True(File.Exists(PathOf("graph.json")));
        Assert.Equal(graph.Kind, back.Graph.Kind);
        Assert.Equal(graph.Layers, back.Graph.Layers);
        Assert.Equal(graph.Adjacency, back.Graph.Adjacency);
        Assert.Equal(graph.Dead, back.Graph.Dead);
        Assert.Equal(Provenance(), back.Provenance);
        Assert.Equal(30, back.Provenance.Examples!.Count);
    }

    [Fact]
    public void Graph_json_holds_the_layer_table_and_one_line_per_node()
    {
        string path = PathOf("w.safetensors");
        GraphFile.Save(Sample(GraphKind.Weights), path, GraphProvenance.ForWeights(new string('b', 64), new WeightGraphOptions { KernelNorm = KernelNorm.Induced }));

        string json = File.ReadAllText(PathOf("w.json"));

        Assert.Contains("\"format\": \"localspec.graph/1\"", json);
        Assert.Contains("\"kind\": \"weights\"", json);
        Assert.Contains("\"kernel_norm\": \"induced\"", json);
        Assert.Contains("{\"name\": \"input\", \"parameter_layer\": -1, \"role\": \"input\", \"units\": 2, \"offset\": 0}", json);
        Assert.Contains("\n    {\"layer\": 1, \"unit\": 1, \"dead\": true},\n", json);
        Assert.Equal(KernelNorm.Induced, GraphFile.Read(path).Provenance.KernelNorm);
    }

    [Fact]
    public void Saving_the_same_graph_again_rewrites_nothing_and_gives_the_same_bytes()
    {
        string path = PathOf("graph.safetensors");
        GraphFile.Save(Sample(), path, Provenance());
        var stamp = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, stamp);
        File.SetLastWriteTimeUtc(PathOf("graph.json"), stamp);

        Assert.False(GraphFile.Save(Sample(), path, Provenance()));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(path));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(PathOf("graph.json")));

        string other = PathOf("other.safetensors");
        GraphFile.Save(Sample(), other, Provenance());
        Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(other));
    }

    [Fact]
    public void The_json_sits_beside_the_safetensors_file_and_a_json_path_is_refused()
    {
        Assert.Equal(Path.Combine("runs", "g.json"), GraphFile.JsonPath(Path.Combine("runs", "g.safetensors")));
        Assert.Throws<GraphFileException>(() => GraphFile.JsonPath("g.json"));
    }

    [Fact]
    public void An_invalid_graph_is_not_saved()
    {
        var graph = Sample();
        graph.Adjacency[1] = 7; // [0, 1] ≠ [1, 0]

        var e = Assert.Throws<ArgumentException>(() => GraphFile.Save(graph, PathOf("bad.safetensors"), Provenance()));
        Assert.Contains("not symmetric", e.Message);
        Assert.False(File.Exists(PathOf("bad.safetensors")));
    }

    /// <summary>Saves the sample graph, lets <paramref name="corrupt"/> damage the pair, and returns the load error.</summary>
    private Exception LoadAfter(Action<string, string> corrupt)
    {
        string path = PathOf("graph.safetensors"), json = PathOf("graph.json");
        GraphFile.Save(Sample(), path, Provenance());
        corrupt(path, json);
        var e = Assert.ThrowsAny<Exception>(() => GraphFile.Load(path));
        Assert.True(e is GraphFileException or SafetensorsFormatException, $"{e.GetType().Name}: {e.Message}");
        Assert.DoesNotContain('\n', e.Message);
        return e;
    }

    /// <summary>Overwrites graph.safetensors with these tensors (the format metadata kept unless given).</summary>
    private static void WriteTensors(string path, float[] adjacency, int n, float[] dead, Dictionary<string, string>? metadata = null) =>
        SafetensorsWriter.Write(path,
            [new NamedTensor("adjacency", [n, n], adjacency), new NamedTensor("dead", [n], dead)],
            metadata ?? new Dictionary<string, string> { ["format"] = GraphFile.Format, ["kind"] = "activations" });

    private static float[] DeadValues => [0, 0, 0, 1, 0, 0];

    private static void Edit(string file, string from, string to)
    {
        string text = File.ReadAllText(file);
        Assert.Contains(from, text);
        File.WriteAllText(file, text.Replace(from, to));
    }

    [Fact]
    public void A_missing_or_unparsable_json_is_named()
    {
        Assert.Contains("graph.json: file not found", LoadAfter((_, json) => File.Delete(json)).Message);
        Assert.Contains("graph.json: not valid JSON", LoadAfter((_, json) => File.WriteAllText(json, "{\"format\": ")).Message);
    }

    [Fact]
    public void Wrong_or_inconsistent_json_fields_are_named()
    {
        Assert.Contains("format: \"localspec.graph/0\"", LoadAfter((_, json) => Edit(json, "localspec.graph/1", "localspec.graph/0")).Message);
        Assert.Contains("nodes[4]: layer 1, unit 3", LoadAfter((_, json) => Edit(json, "{\"layer\": 1, \"unit\": 2,", "{\"layer\": 1, \"unit\": 3,")).Message);
        Assert.Contains("layers[1].units: expected an integer", LoadAfter((_, json) => Edit(json, "\"units\": 3", "\"units\": \"3\"")).Message);
        Assert.Contains("kind: \"weight\"", LoadAfter((_, json) => Edit(json, "\"kind\": \"activations\"", "\"kind\": \"weight\"")).Message);
    }

    [Fact]
    public void Tensors_that_disagree_with_the_json_are_named()
    {
        var graph = Sample();
        Assert.Contains("has shape [5, 5]", LoadAfter((path, _) => WriteTensors(path, new float[25], 5, new float[5])).Message);
        Assert.Contains("dead[3] = 0", LoadAfter((path, _) => WriteTensors(path, graph.Adjacency, 6, new float[6])).Message);
        Assert.Contains("dead[0] = 0.5", LoadAfter((path, _) => WriteTensors(path, graph.Adjacency, 6, [0.5f, 0, 0, 1, 0, 0])).Message);
        Assert.Contains("not a LocalSpec graph", LoadAfter((path, _) => WriteTensors(path, graph.Adjacency, 6, DeadValues, [])).Message);
        Assert.Contains("expected exactly the tensors",
            LoadAfter((path, _) => SafetensorsWriter.Write(path, [new NamedTensor("adjacency", [6, 6], graph.Adjacency)],
                new Dictionary<string, string> { ["format"] = GraphFile.Format, ["kind"] = "activations" })).Message);
    }

    [Fact]
    public void An_adjacency_that_is_not_a_graph_is_refused()
    {
        float[] Tweak(int at, float value)
        {
            float[] a = (float[])Sample().Adjacency.Clone();
            a[at] = value;
            return a;
        }
        Assert.Contains("not symmetric: [0, 2] = 0.5 but [2, 0] = 0.75",
            LoadAfter((path, _) => WriteTensors(path, Tweak(2 * 6 + 0, 0.75f), 6, DeadValues)).Message);
        var negative = Sample().Adjacency.ToArray();
        negative[2] = negative[12] = -0.5f;
        Assert.Contains("finite and non-negative", LoadAfter((path, _) => WriteTensors(path, negative, 6, DeadValues)).Message);
        Assert.Contains("diagonal", LoadAfter((path, _) => WriteTensors(path, Tweak(7, 1), 6, DeadValues)).Message);
        var deadEdge = Sample().Adjacency.ToArray();
        deadEdge[3 * 6 + 5] = deadEdge[5 * 6 + 3] = 1;
        Assert.Contains("node 3 is marked dead", LoadAfter((path, _) => WriteTensors(path, deadEdge, 6, DeadValues)).Message);
    }

    [Fact]
    public void A_pair_not_written_together_is_detected()
    {
        var e = LoadAfter((path, _) => WriteTensors(path, Sample(scale: 2).Adjacency, 6, DeadValues));

        Assert.Contains("graph.json: safetensors_sha256 does not match graph.safetensors", e.Message);
    }

    [Fact]
    public void A_truncated_safetensors_file_is_a_format_error_naming_it()
    {
        var e = LoadAfter((path, _) => File.WriteAllBytes(path, File.ReadAllBytes(path)[..100]));

        Assert.IsType<SafetensorsFormatException>(e);
        Assert.Contains("graph.safetensors", e.Message);
    }
}
