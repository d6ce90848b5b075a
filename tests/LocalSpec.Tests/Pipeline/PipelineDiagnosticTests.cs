using LocalSpec.Pipeline;

namespace LocalSpec.Tests.Pipeline;

public sealed class PipelineDiagnosticTests
{
    [Fact]
    public void ToString_is_the_msbuild_canonical_error_line()
    {
        var d = new PipelineDiagnostic("/x/mlp.yaml", 3, 5, DiagnosticCodes.UnknownField,
            "unknown field 'epoch' in 'training' (known: epochs, batch_size, lr, replicates, seed)");
        Assert.Equal("/x/mlp.yaml(3,5): error LSP002: unknown field 'epoch' in 'training' (known: epochs, batch_size, lr, replicates, seed)", d.ToString());
    }

    [Fact]
    public void A_warning_says_warning()
    {
        var d = new PipelineDiagnostic("a.yaml", 1, 1, DiagnosticCodes.CacheCorrupt, "rebuilt", DiagnosticSeverity.Warning);
        Assert.Equal("a.yaml(1,1): warning LSP102: rebuilt", d.ToString());
    }

    [Theory]
    [InlineData("a.yaml", 7, 0, "a.yaml(7): error LSP100: m")]
    [InlineData("a.yaml", 0, 0, "a.yaml: error LSP100: m")]
    [InlineData("", 0, 0, "error LSP100: m")]
    public void Missing_parts_of_the_location_are_left_out(string file, int line, int column, string expected) =>
        Assert.Equal(expected, new PipelineDiagnostic(file, line, column, DiagnosticCodes.StageFailed, "m").ToString());

    [Fact]
    public void An_exception_message_is_its_diagnostics_one_per_line()
    {
        var e = new PipelineException([
            new PipelineDiagnostic("a.yaml", 1, 2, DiagnosticCodes.WrongType, "first"),
            new PipelineDiagnostic("a.yaml", 3, 4, DiagnosticCodes.OutOfRange, "second"),
        ]);
        Assert.Equal("a.yaml(1,2): error LSP003: first\na.yaml(3,4): error LSP004: second", e.Message);
        Assert.Equal(2, e.Diagnostics.Count);
    }

    [Fact]
    public void Every_code_is_distinct_and_has_a_meaning()
    {
        string[] constants = [.. typeof(DiagnosticCodes).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!)];
        Assert.Equal(constants.Length, constants.Distinct().Count());
        Assert.Equal(constants.Order(StringComparer.Ordinal), DiagnosticCodes.Meanings.Select(m => m.Key));
        Assert.All(constants, c => Assert.Matches("^LSP[0-9]{3}$", c));
    }
}
