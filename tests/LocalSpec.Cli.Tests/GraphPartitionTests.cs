using System.Text.Json;
using LocalSpec.Tests.TestSupport;

namespace LocalSpec.Cli.Tests;

/// <summary>graph → partition → clusterability through the command surface, on a committed trained cnn (no data needed).</summary>
public sealed class GraphPartitionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("localspec-cli-graph-").FullName;

    private static string Cnn => Path.Combine(RepoPaths.Root, "tests", "LocalSpec.Tests", "fixtures", "partitioning", "cnn_fashion_mnist_s0.safetensors");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("network")]
    [InlineData("layer")]
    public void A_weight_graph_partitions_into_subclusters_and_the_same_seed_gives_the_same_bytes(string scope)
    {
        string graph = Path.Combine(_dir, "graph.safetensors");
        var (exit, _, error) = CliRunner.Run("graph", "--model", Cnn, "--kind", "weights", "--out", graph, "-q");
        Assert.True(exit == ExitCodes.Success, error);
        Assert.True(File.Exists(Path.Combine(_dir, "graph.json")));

        string a = Path.Combine(_dir, "a.json"), b = Path.Combine(_dir, "b.json");
        (exit, _, error) = CliRunner.Run("partition", "--graph", graph, "--scope", scope, "--k", "16", "--seed", "1", "--n-init", "5", "--out", a, "-q");
        Assert.True(exit == ExitCodes.Success, error);
        (exit, _, error) = CliRunner.Run("partition", "--graph", graph, "--scope", scope, "--k", "16", "--seed", "1", "--n-init", "5", "--out", b, "-q");
        Assert.True(exit == ExitCodes.Success, error);
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));

        using var doc = JsonDocument.Parse(File.ReadAllBytes(a));
        var root = doc.RootElement;
        Assert.Equal(scope, root.GetProperty("scope").GetString());
        Assert.Equal(3, root.GetProperty("layers").GetArrayLength());
        Assert.All(root.GetProperty("layers").EnumerateArray(), l => Assert.Equal(64, l.GetProperty("labels").GetArrayLength()));
        Assert.True(root.GetProperty("ncut").GetDouble() > 0);
        var analysable = root.GetProperty("subclusters").EnumerateArray().Where(s => s.GetProperty("analysable").GetBoolean()).ToList();
        Assert.NotEmpty(analysable);
        Assert.All(analysable, s => Assert.InRange(s.GetProperty("units").GetArrayLength(), 2, 63));
    }

    [Fact]
    public void The_restart_kept_is_the_lowest_n_cut_by_default_and_the_lowest_inertia_on_request_and_the_file_says_which()
    {
        string graph = Path.Combine(_dir, "graph.safetensors");
        var (exit, _, error) = CliRunner.Run("graph", "--model", Cnn, "--kind", "weights", "--out", graph, "-q");
        Assert.True(exit == ExitCodes.Success, error);
        (string Selection, double NCut) Partition(params string[] extra)
        {
            string path = Path.Combine(_dir, $"p{extra.Length}.json");
            var (code, _, err) = CliRunner.Run(["partition", "--graph", graph, "--k", "16", "--n-init", "5", "--out", path, "-q", .. extra]);
            Assert.True(code == ExitCodes.Success, err);
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            return (doc.RootElement.GetProperty("restart_selection").GetString()!, doc.RootElement.GetProperty("ncut").GetDouble());
        }
        var byDefault = Partition();
        var byInertia = Partition("--select", "inertia");
        Assert.Equal("ncut", byDefault.Selection);
        Assert.Equal("inertia", byInertia.Selection);
        Assert.True(byDefault.NCut <= byInertia.NCut, $"n-cut {byDefault.NCut} (ncut) > {byInertia.NCut} (inertia)");
        (exit, _, error) = CliRunner.Run("partition", "--graph", graph, "--select", "best", "--out", Path.Combine(_dir, "x.json"));
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("best", error);
    }

    [Fact]
    public void Partitioning_a_missing_graph_is_an_input_error()
    {
        var (exit, _, error) = CliRunner.Run("partition", "--graph", Path.Combine(_dir, "none.safetensors"), "--out", Path.Combine(_dir, "p.json"));
        Assert.Equal(ExitCodes.InputError, exit);
        Assert.StartsWith("localspec: error: ", error.TrimEnd('\n').Split('\n')[^1]);
    }

    [Fact]
    public void Clusterability_reports_a_percentile_and_a_z_score_as_json()
    {
        var (exit, output, error) = CliRunner.Run("clusterability", "--model", Cnn, "--shuffles", "4", "--n-init", "3", "--json");
        Assert.True(exit == ExitCodes.Success, error);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(4, doc.RootElement.GetProperty("shuffles").GetInt32());
        Assert.InRange(doc.RootElement.GetProperty("percentile").GetDouble(), 0.2, 1.0);
    }
}
