using LocalSpec.Tests.TestSupport;

namespace LocalSpec.Cli.Tests;

/// <summary>
/// Approved-file tests for --help (System.CommandLine style): a change to the command surface
/// shows up as a diff to review. On a mismatch the received text is written beside the approved
/// file as *.received.txt.
/// </summary>
public sealed class HelpTests
{
    [Theory]
    [InlineData("root", new string[0])]
    [InlineData("train", new[] { "train" })]
    [InlineData("eval", new[] { "eval" })]
    [InlineData("data", new[] { "data" })]
    [InlineData("data-fetch", new[] { "data", "fetch" })]
    [InlineData("graph", new[] { "graph" })]
    [InlineData("partition", new[] { "partition" })]
    [InlineData("measure", new[] { "measure" })]
    [InlineData("stats", new[] { "stats" })]
    [InlineData("clusterability", new[] { "clusterability" })]
    [InlineData("run", new[] { "run" })]
    [InlineData("status", new[] { "status" })]
    [InlineData("why", new[] { "why" })]
    [InlineData("clean", new[] { "clean" })]
    [InlineData("report", new[] { "report" })]
    public void Help_text_matches_the_approved_file(string name, string[] verb)
    {
        var (exit, output, _) = CliRunner.Run([.. verb, "--help"]);
        Assert.Equal(ExitCodes.Success, exit);
        string approvedPath = Path.Combine(RepoPaths.Root, "tests", "LocalSpec.Cli.Tests", "approved", $"help-{name}.txt");
        string received = output.Replace("\r\n", "\n");
        string approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).Replace("\r\n", "\n") : "";
        if (received != approved)
        {
            File.WriteAllText(Path.ChangeExtension(approvedPath, ".received.txt"), received);
            Assert.Fail($"--help of '{string.Join(' ', verb)}' differs from {approvedPath}; review {Path.ChangeExtension(approvedPath, ".received.txt")} and copy it over if the change is intended.");
        }
    }
}
