using System.Text.Json;
using LocalSpec.Nn;
using LocalSpec.Tests.TestSupport;

namespace LocalSpec.Cli.Tests;

/// <summary>
/// graph → partition → measure → stats through the command surface, on the committed PyTorch-trained
/// mnist10k mlp (the test split is fetched with npm when missing).
/// </summary>
public sealed class MeasureStatsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("localspec-cli-measure-").FullName;

    private static string TorchMlp => Path.Combine(RepoPaths.Root, "tests", "LocalSpec.Tests", "fixtures", "torch", "mlp_mnist10k.safetensors");

    private static string Cnn => Path.Combine(RepoPaths.Root, "tests", "LocalSpec.Tests", "fixtures", "partitioning", "cnn_fashion_mnist_s0.safetensors");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string File(string name) => Path.Combine(_dir, name);

    /// <summary>The torch mlp as LocalSpec writes a trained model: architecture and, optionally, data set in its metadata.</summary>
    private string LocalSpecModel(bool withDataset = true)
    {
        string path = File(withDataset ? "model.safetensors" : "model-nodata.safetensors");
        var network = ModelFile.Load(TorchMlp, Presets.Create("mlp", [1, 28, 28], 10));
        ModelFile.Save(network, path, withDataset ? new Dictionary<string, string> { ["localspec.dataset"] = "mnist10k" } : null);
        return path;
    }

    private string Partition(string model, string name, params string[] arch)
    {
        string graph = File($"{name}.safetensors"), partition = File($"{name}.partition.json");
        var (exit, _, error) = CliRunner.Run(["graph", "--model", model, .. arch, "--kind", "weights", "--out", graph, "-q"]);
        Assert.True(exit == ExitCodes.Success, error);
        (exit, _, error) = CliRunner.Run("partition", "--graph", graph, "--k", "8", "--n-init", "3", "--out", partition, "-q");
        Assert.True(exit == ExitCodes.Success, error);
        return partition;
    }

    private static void AssertInputError((int Exit, string Output, string Error) run, params string[] expected)
    {
        Assert.Equal(ExitCodes.InputError, run.Exit);
        string last = run.Error.TrimEnd('\n').Split('\n')[^1];
        Assert.StartsWith("localspec: error: ", last);
        foreach (string text in expected) Assert.Contains(text, last);
    }

    [RequiresFact(typeof(NpmClient))]
    public void Measure_then_stats_writes_measurements_figures_and_statistics_and_the_same_seed_gives_the_same_bytes()
    {
        string model = LocalSpecModel();
        string partition = Partition(model, "weights");
        string a = File("a.json"), b = File("b.json"), c = File("c.json"), images = File("figures");
        string[] common = ["measure", "--model", model, "--partition", partition, "--random", "4", "--featvis-steps", "5", "-q"];
        var (exit, output, error) = CliRunner.Run([.. common, "--images", images, "--out", a]);
        Assert.True(exit == ExitCodes.Success, error);
        Assert.Contains("BLAS: ", error);
        Assert.Contains("intact accuracy 92.51 %", output); // 1854/2004, as eval reports for this model
        (exit, _, error) = CliRunner.Run([.. common, "--out", b]);
        Assert.True(exit == ExitCodes.Success, error);
        Assert.Equal(System.IO.File.ReadAllBytes(a), System.IO.File.ReadAllBytes(b));
        (exit, _, error) = CliRunner.Run([.. common, "--seed", "1", "--proxies", "lesion", "--accuracy", "balanced", "--out", c]);
        Assert.True(exit == ExitCodes.Success, error);

        using (var doc = JsonDocument.Parse(System.IO.File.ReadAllBytes(a)))
        {
            var root = doc.RootElement;
            Assert.Equal("mnist10k", root.GetProperty("dataset").GetString());
            Assert.Equal(64, root.GetProperty("model_sha256").GetString()!.Length);
            var proxies = root.GetProperty("proxies").EnumerateObject().Select(p => p.Name).ToArray();
            Assert.Equal(["featvis.entropy", "featvis.score", "lesion.acc_drop", "lesion.class_range"], proxies);
            var subclusters = root.GetProperty("proxies").GetProperty("lesion.acc_drop").GetProperty("subclusters");
            Assert.True(subclusters.GetArrayLength() > 0);
            Assert.All(subclusters.EnumerateArray(), s =>
            {
                Assert.InRange(s.GetProperty("layer").GetInt32(), 0, 3);
                Assert.Equal(4, s.GetProperty("random").GetArrayLength());
            });
            var layers = subclusters.EnumerateArray().Select(s => s.GetProperty("layer").GetInt32()).Distinct();
            Assert.Equal(layers.Select(l => $"featvis-layers.{l}.png").Order(), Directory.GetFiles(images).Select(Path.GetFileName).Order());
        }
        using (var doc = JsonDocument.Parse(System.IO.File.ReadAllBytes(c)))
        {
            Assert.Equal("balanced", doc.RootElement.GetProperty("lesion").GetProperty("accuracy").GetString());
            Assert.Equal(2, doc.RootElement.GetProperty("proxies").EnumerateObject().Count());
        }

        string stats = File("stats.json");
        (exit, output, error) = CliRunner.Run("stats", a, "--out", stats);
        Assert.True(exit == ExitCodes.Success, error);
        Assert.Contains("featvis.entropy", output);
        Assert.Contains($"wrote {stats}", output);
        using (var doc = JsonDocument.Parse(System.IO.File.ReadAllBytes(stats)))
        {
            var acc = doc.RootElement.GetProperty("proxies").GetProperty("lesion.acc_drop");
            Assert.InRange(acc.GetProperty("p_value").GetDouble(), 0, 1);
            Assert.False(acc.TryGetProperty("replicates", out _));
        }

        string replicates = File("replicates.json");
        (exit, output, error) = CliRunner.Run("stats", a, c, "--out", replicates);
        Assert.True(exit == ExitCodes.InputError, error); // a has four proxies, c two
        Assert.Contains($"{c}: holds proxies lesion.acc_drop, lesion.class_range, but {a} holds", error);
        (exit, output, error) = CliRunner.Run([.. common, "--seed", "1", "--proxies", "lesion", "--out", c]);
        Assert.True(exit == ExitCodes.Success, error);
        (exit, output, error) = CliRunner.Run("stats", b, c, "--out", replicates);
        Assert.True(exit == ExitCodes.InputError, error);
        (exit, output, error) = CliRunner.Run([.. common, "--seed", "1", "--out", c]);
        Assert.True(exit == ExitCodes.Success, error);
        (exit, output, error) = CliRunner.Run("stats", b, c, "--out", replicates);
        Assert.True(exit == ExitCodes.Success, error);
        Assert.Contains("2 replicates", output);
        Assert.Contains($"localspec: warning: {b}, {c} measured the same model", error);
        using (var doc = JsonDocument.Parse(System.IO.File.ReadAllBytes(replicates)))
            Assert.Equal(2, doc.RootElement.GetProperty("proxies").GetProperty("featvis.score").GetProperty("replicates").GetInt32());
    }

    [RequiresFact(typeof(NpmClient))]
    public void A_pytorch_file_is_measured_with_arch_and_dataset()
    {
        string partition = Partition(TorchMlp, "torch", "--arch", "mlp", "--dataset", "mnist10k");
        var (exit, output, error) = CliRunner.Run("measure", "--model", TorchMlp, "--arch", "mlp", "--dataset", "mnist10k", "--partition", partition,
            "--proxies", "lesion.acc_drop", "--random", "2", "--out", File("m.json"), "-q");
        Assert.True(exit == ExitCodes.Success, error);
        Assert.Contains("lesion.acc_drop ·", output);
        // without --dataset the test split is unknown
        AssertInputError(CliRunner.Run("measure", "--model", LocalSpecModel(withDataset: false), "--partition", partition, "--out", File("n.json")),
            "no data set recorded", "--dataset");
    }

    [RequiresFact(typeof(NpmClient))]
    public void A_partition_of_another_model_is_an_input_error_naming_the_partition()
    {
        string cnnPartition = Partition(Cnn, "cnn");
        AssertInputError(CliRunner.Run("measure", "--model", LocalSpecModel(), "--partition", cnnPartition, "--out", File("m.json"), "-q"),
            $"{cnnPartition} does not fit", "has 64 units, but the network's layers.0 has 256");
        Assert.False(System.IO.File.Exists(File("m.json")));
    }

    [Fact]
    public void Missing_inputs_are_input_errors_naming_the_file()
    {
        string missing = File("none.json");
        AssertInputError(CliRunner.Run("measure", "--model", TorchMlp, "--arch", "mlp", "--dataset", "mnist10k", "--partition", missing, "--out", File("m.json")),
            $"{missing}: file not found");
        AssertInputError(CliRunner.Run("stats", missing, "--out", File("s.json")), $"{missing}: file not found");
        string corrupt = File("corrupt.json");
        System.IO.File.WriteAllText(corrupt, "{\"proxies\": {\"lesion.acc_drop\": {\"higher_is_more_specialized\": false, \"subclusters\": []}}}");
        AssertInputError(CliRunner.Run("stats", corrupt, "--out", File("s.json")), $"{corrupt}: field 'proxies.lesion.acc_drop.higher_is_more_specialized' must be true");
        Assert.False(System.IO.File.Exists(File("s.json")));
    }

    [Theory]
    [InlineData("measure", "--model", "m.safetensors", "--partition", "p.json", "--out", "x.json", "--proxies", "lesion,bogus")]
    [InlineData("measure", "--model", "m.safetensors", "--partition", "p.json", "--out", "x.json", "--random", "0")]
    [InlineData("measure", "--model", "m.safetensors", "--partition", "p.json", "--out", "x.json", "--accuracy", "weighted")]
    [InlineData("measure", "--model", "m.safetensors", "--partition", "p.json", "--out", "x.json", "--proxies", "lesion", "--images", "figures")]
    [InlineData("measure", "--model", "m.safetensors", "--partition", "p.json")]
    [InlineData("stats", "--out", "s.json")]
    [InlineData("stats", "m.json", "--out", "s.json", "--ties", "none")]
    public void A_malformed_measure_or_stats_command_line_exits_with_2(params string[] args)
    {
        var (exit, output, error) = CliRunner.Run(args);
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Equal("", output);
        Assert.StartsWith("localspec: error: ", error);
    }
}
