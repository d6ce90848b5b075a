using System.Text.RegularExpressions;
using LocalSpec.Pipeline;
using LocalSpec.Tests.TestSupport;

namespace LocalSpec.Cli.Tests;

/// <summary>
/// Manifest errors stop <c>run</c> before any stage: one <c>path(line,col): error LSPnnn:</c> line on
/// stderr, exit code 3, and nothing in the store.
/// </summary>
public sealed partial class PipelineManifestErrorTests : IDisposable
{
    private readonly TempWorkspace _ws = new("localspec-cli-errors-");

    public void Dispose() => _ws.Dispose();

    [GeneratedRegex(@"^(?<file>.+)\((?<line>\d+),(?<column>\d+)\): error (?<code>LSP\d{3}): ")]
    private static partial Regex ErrorLine();

    public static TheoryData<string, string, string, int, int> Cases => new()
    {
        // name, how the tiny manifest is changed ("+" appends a line, else "old=>new"), code, line, column
        { "unknown field", "+bogus: 1", DiagnosticCodes.UnknownField, 13, 1 },
        { "wrong type", "k: 4=>k: sixteen", DiagnosticCodes.WrongType, 8, 4 },
        { "k = 0", "k: 4=>k: 0", DiagnosticCodes.OutOfRange, 8, 4 },
        { "unknown data set", "dataset: mnist10k=>dataset: mnist11k", DiagnosticCodes.UnknownDataset, 3, 10 },
        { "unknown proxy", "+  proxies: [lesion, featvis.nope]", DiagnosticCodes.UnknownProxy, 13, 21 },
        { "YAML syntax error", "k: 4=>k: [4, 5", DiagnosticCodes.YamlSyntax, 8, 4 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_manifest_error_gives_one_located_error_line_exit_3_and_an_empty_store(string name, string change, string code, int line, int column)
    {
        string yaml = TempWorkspace.TinyManifest();
        if (change.StartsWith('+'))
        {
            yaml += change[1..] + "\n";
        }
        else
        {
            string[] parts = change.Split("=>");
            Assert.Contains(parts[0], yaml);
            yaml = yaml.Replace(parts[0], parts[1]);
        }
        string manifest = _ws.Write("m.yaml", yaml);

        var (exit, output, error) = CliRunner.Run("run", manifest);

        Assert.True(exit == ExitCodes.InputError, $"{name}: exit {exit}\n{error}");
        string[] errors = [.. error.Split('\n').Where(l => l.Contains("error"))];
        string only = Assert.Single(errors);
        var m = ErrorLine().Match(only);
        Assert.True(m.Success, only);
        Assert.Equal((manifest, code, line, column), (m.Groups["file"].Value, m.Groups["code"].Value, int.Parse(m.Groups["line"].Value), int.Parse(m.Groups["column"].Value)));
        Assert.DoesNotContain("stages:", output);
        Assert.True(_ws.StoreIsEmpty, $"{name}: the store is not empty");
        Assert.False(File.Exists(_ws.LockPath));
    }
}
