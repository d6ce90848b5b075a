namespace LocalSpec.Cli.Tests;

public sealed class UsageTests
{
    [Theory]
    [InlineData("frobnicate")]
    [InlineData("train", "--arch", "mlp")]
    [InlineData("train", "--dataset", "mnist10k", "--arch", "mlp", "--out", "m.safetensors", "--epochs", "0")]
    [InlineData("train", "--dataset", "mnist10k", "--arch", "mlp", "--out", "m.safetensors", "--lr", "-1")]
    [InlineData("eval", "--model", "m.safetensors", "--dataset", "mnist10k", "--batch-size", "0")]
    public void A_malformed_command_line_exits_with_2_and_one_error_line_per_problem(params string[] args)
    {
        var (exit, output, error) = CliRunner.Run(args);
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Equal("", output);
        Assert.StartsWith("localspec: error: ", error);
    }

    [Fact]
    public void A_missing_model_file_is_an_input_error_naming_the_file()
    {
        string path = Path.Combine(Path.GetTempPath(), $"no-such-model-{Guid.NewGuid():N}.safetensors");
        var (exit, _, error) = CliRunner.Run("eval", "--model", path, "--dataset", "mnist10k");
        Assert.Equal(ExitCodes.InputError, exit);
        Assert.Equal($"localspec: error: {path}: file not found\n", error);
    }

    [Fact]
    public void A_corrupt_model_file_is_an_input_error_not_a_crash()
    {
        string path = Path.Combine(Path.GetTempPath(), $"corrupt-{Guid.NewGuid():N}.safetensors");
        File.WriteAllBytes(path, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, (byte)'{']);
        try
        {
            var (exit, _, error) = CliRunner.Run("eval", "--model", path, "--dataset", "mnist10k", "--arch", "mlp");
            Assert.Equal(ExitCodes.InputError, exit);
            string last = error.TrimEnd('\n').Split('\n')[^1];
            Assert.StartsWith($"localspec: error: {path}: ", last);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
