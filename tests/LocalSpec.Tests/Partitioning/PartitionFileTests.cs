using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using LocalSpec.Graphs;
using LocalSpec.Partitioning;
using LocalSpec.Tests.Nn.Safetensors;

namespace LocalSpec.Tests.Partitioning;

public sealed class PartitionFileTests
{
    private static Partition Sample(PartitionScope scope, RestartSelection selection = RestartSelection.NCut)
    {
        var dead = new bool[33];
        dead[10] = true;
        var graph = TestGraphs.Neurons(GraphKind.Weights, [("input", -1, 6), ("layers.0", 0, 8), ("layers.2", 2, 8), ("layers.4", 4, 8), ("layers.6", 6, 3)],
            TestGraphs.Pathways([6, 8, 8, 8, 3], 2, 1), dead);
        return Partitioner.Run(graph, scope, new SpectralClusteringOptions { K = 3, Seed = 12345678901234567890UL, Restarts = 4, Selection = selection });
    }

    [Theory]
    [InlineData(PartitionScope.Network)]
    [InlineData(PartitionScope.Layer)]
    public void A_saved_partition_loads_back_equal_and_saves_to_the_same_bytes(PartitionScope scope)
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "partition.json");
        Partition p = Sample(scope);
        PartitionFile.Save(path, p);
        Partition loaded = PartitionFile.Load(path);
        Assert.Equal(File.ReadAllBytes(path), PartitionFile.ToBytes(loaded));
        Assert.Equal(p.Seed, loaded.Seed);
        Assert.Equal(p.NCut, loaded.NCut);
        Assert.Equal(p.Eigenvalues, loaded.Eigenvalues);
        Assert.Equal(p.Layers.Select(l => l.Labels), loaded.Layers.Select(l => l.Labels));
        Assert.Equal(p.Layers.Select(l => l.Clustering?.Eigenvalues), loaded.Layers.Select(l => l.Clustering?.Eigenvalues));
        Assert.Equal(p.Subclusters.Select(s => (s.Layer, s.Cluster, s.Analysable)), loaded.Subclusters.Select(s => (s.Layer, s.Cluster, s.Analysable)));
        Assert.Equal(["partition.json"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData(PartitionScope.Network, RestartSelection.NCut, "ncut")]
    [InlineData(PartitionScope.Network, RestartSelection.Inertia, "inertia")]
    [InlineData(PartitionScope.Layer, RestartSelection.NCut, "ncut")]
    [InlineData(PartitionScope.Layer, RestartSelection.Inertia, "inertia")]
    public void The_restart_selection_is_recorded_and_read_back(PartitionScope scope, RestartSelection selection, string name)
    {
        Partition p = Sample(scope, selection);
        Assert.Equal(selection, p.Selection);
        byte[] bytes = PartitionFile.ToBytes(p);
        Assert.Equal(name, (string)JsonNode.Parse(bytes)!["restart_selection"]!);
        Partition loaded = PartitionFile.Parse(bytes, "p.json");
        Assert.Equal(selection, loaded.Selection);
        Assert.Equal(bytes, PartitionFile.ToBytes(loaded));
    }

    [Fact]
    public void A_file_without_a_restart_selection_is_read_as_the_lowest_inertia_rule_of_older_files()
    {
        JsonNode json = JsonNode.Parse(PartitionFile.ToBytes(Sample(PartitionScope.Network)))!;
        json.AsObject().Remove("restart_selection");
        Partition loaded = PartitionFile.Parse(Encoding.UTF8.GetBytes(json.ToJsonString()), "p.json");
        Assert.Equal(RestartSelection.Inertia, loaded.Selection);
        Assert.Contains("\"restart_selection\": \"inertia\"", Encoding.UTF8.GetString(PartitionFile.ToBytes(loaded)));
    }

    [Fact]
    public void The_bytes_are_the_same_under_a_comma_decimal_culture_and_read_as_documented()
    {
        Partition p = Sample(PartitionScope.Network);
        byte[] invariant = PartitionFile.ToBytes(p);
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal(invariant, PartitionFile.ToBytes(Sample(PartitionScope.Network)));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
        string text = Encoding.UTF8.GetString(invariant);
        Assert.StartsWith("{\n  \"format\": \"localspec.partition/1\",\n  \"scope\": \"network\",\n  \"graph_kind\": \"weights\",\n  \"k\": 3,\n  \"seed\": 12345678901234567890,\n  \"n_init\": 4,\n  \"restart_selection\": \"ncut\",\n", text);
        string[] labelLines = [.. text.Split('\n').Where(l => l.Contains("\"labels\""))];
        Assert.Equal(5, labelLines.Length);
        Assert.All(labelLines, l => Assert.Matches(@"^ +""labels"": \[(-?\d+, )*-?\d+\],$", l)); // one line per array
        JsonNode json = JsonNode.Parse(text)!;
        Assert.Equal(p.NCut, (double)json["ncut"]!);
        Assert.Equal(5, json["layers"]!.AsArray().Count);
        Assert.Equal("input", (string)json["layers"]![0]!["role"]!);
        Assert.Equal(new[] { 4 }, json["layers"]![1]!["dead"]!.AsArray().Select(x => (int)x!));
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[]", "the top level is not a JSON object")]
    [InlineData("{\"format\": \"localspec.partition/9\"}", "field 'format' is 'localspec.partition/9'")]
    public void Unreadable_files_get_one_line_that_names_the_problem(string content, string message)
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "p.json");
        File.WriteAllText(path, content);
        var e = Assert.Throws<PartitionException>(() => PartitionFile.Load(path));
        Assert.StartsWith($"{path}: ", e.Message);
        Assert.Contains(message, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    public static TheoryData<string, string> Edits => new()
    {
        { "layers.1.labels=drop", "field 'layers[1].labels' is missing" },
        { "layers.1.units=7", "field 'layers[1].labels' has 8 entries but units is 7" },
        { "layers.2.k=5", "field 'layers[2].k' is not the number of distinct labels" },
        { "layers.0.role=middle", "field 'layers[0].role' is 'middle', expected one of input, hidden, output" },
        { "subclusters.0.analysable=false", "field 'subclusters' do not match" },
        { "seed=-1", "field 'seed' is not an integer" },
        { "clustering=drop", "field 'clustering' must be present in network scope only" },
        { "restart_selection=best", "field 'restart_selection' is 'best', expected one of ncut, inertia" },
    };

    [Theory]
    [MemberData(nameof(Edits))]
    public void Inconsistent_fields_are_named(string edit, string message)
    {
        JsonNode json = JsonNode.Parse(PartitionFile.ToBytes(Sample(PartitionScope.Network)))!;
        string[] parts = edit.Split('=');
        string[] pathParts = parts[0].Split('.');
        JsonNode parent = json;
        foreach (string part in pathParts[..^1]) parent = int.TryParse(part, out int i) ? parent[i]! : parent[part]!;
        if (parts[1] == "drop") parent.AsObject().Remove(pathParts[^1]);
        else parent[pathParts[^1]] = JsonNode.Parse(parts[1].All(c => char.IsDigit(c) || c == '-') || parts[1] is "true" or "false" ? parts[1] : $"\"{parts[1]}\"");
        var e = Assert.Throws<PartitionException>(() => PartitionFile.Parse(Encoding.UTF8.GetBytes(json.ToJsonString()), "p.json"));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void A_missing_file_is_a_file_not_found_error_naming_it()
    {
        var e = Assert.Throws<FileNotFoundException>(() => PartitionFile.Load("/nonexistent/partition.json"));
        Assert.Equal("/nonexistent/partition.json", e.FileName);
    }
}
