namespace LocalSpec.Cli.Tests;

public sealed class DataCommandTests
{
    [Fact]
    public void Data_list_names_every_known_set_and_the_store_on_standard_output()
    {
        var (exit, output, error) = CliRunner.Run("data", "list");
        Assert.True(exit == ExitCodes.Success, error);
        foreach (string name in new[] { "mnist10k", "mnist", "fashion-mnist", "cifar10" })
            Assert.Contains($" {name} ", output);
        Assert.Contains("data store: ", output);
    }

    [Fact]
    public void Fetching_an_unknown_set_is_a_usage_error_that_lists_the_known_ones()
    {
        var (exit, _, error) = CliRunner.Run("data", "fetch", "imagenet");
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.StartsWith("localspec: error: unknown data set 'imagenet'; known: mnist10k", error);
    }
}
