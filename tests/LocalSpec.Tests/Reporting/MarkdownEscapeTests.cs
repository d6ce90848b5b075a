using LocalSpec.Reporting;

namespace LocalSpec.Tests.Reporting;

public sealed class MarkdownEscapeTests
{
    [Fact]
    public void A_pipe_is_escaped_so_it_does_not_split_the_cell() =>
        Assert.Equal(@"a \| b", MarkdownEscape.Text("a | b"));

    [Fact]
    public void Emphasis_code_math_and_html_characters_are_escaped() =>
        Assert.Equal(@"MLP\_1 & 50% \$x\$ #2 \*b\* \`c\` \<d> \~e\~ \[f\] \\", MarkdownEscape.Text(@"MLP_1 & 50% $x$ #2 *b* `c` <d> ~e~ [f] \"));

    [Fact]
    public void Line_breaks_become_spaces() =>
        Assert.Equal("a b", MarkdownEscape.Text("a\nb"));

    [Fact]
    public void Plain_text_passes_through()
    {
        Assert.Equal("MLP, MNIST (k = 16)", MarkdownEscape.Text("MLP, MNIST (k = 16)"));
        Assert.Equal("", MarkdownEscape.Text(null));
    }
}
