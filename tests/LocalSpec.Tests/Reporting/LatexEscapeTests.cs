using LocalSpec.Reporting;

namespace LocalSpec.Tests.Reporting;

public sealed class LatexEscapeTests
{
    [Theory]
    [InlineData("&", @"\&")]
    [InlineData("%", @"\%")]
    [InlineData("$", @"\$")]
    [InlineData("#", @"\#")]
    [InlineData("_", @"\_")]
    [InlineData("{", @"\{")]
    [InlineData("}", @"\}")]
    [InlineData("~", @"\textasciitilde{}")]
    [InlineData("^", @"\textasciicircum{}")]
    [InlineData(@"\", @"\textbackslash{}")]
    [InlineData("<", @"\textless{}")]
    [InlineData(">", @"\textgreater{}")]
    [InlineData("|", @"\textbar{}")]
    public void Each_special_character_becomes_its_command(string text, string expected) =>
        Assert.Equal(expected, LatexEscape.Text(text));

    [Fact]
    public void A_label_with_several_specials_is_escaped_character_by_character() =>
        Assert.Equal(@"MLP\_1 \& 50\% \$x\$ \#2", LatexEscape.Text("MLP_1 & 50% $x$ #2"));

    [Fact]
    public void A_backslash_is_not_escaped_twice() =>
        // The replacement of \ contains braces, which must not themselves be escaped again.
        Assert.Equal(@"a\textbackslash{}b\{c\}", LatexEscape.Text(@"a\b{c}"));

    [Fact]
    public void Plain_text_and_empty_input_pass_through()
    {
        Assert.Equal("MLP, MNIST (k = 16)", LatexEscape.Text("MLP, MNIST (k = 16)"));
        Assert.Equal("", LatexEscape.Text(""));
        Assert.Equal("", LatexEscape.Text(null));
    }

    [Fact]
    public void Line_breaks_become_spaces_so_a_label_cannot_end_a_row() =>
        Assert.Equal("a b c", LatexEscape.Text("a\nb\r\nc").Replace("  ", " "));

    [Fact]
    public void Common_symbols_become_their_math_form() =>
        Assert.Equal(@"High$\rightarrow$Imp. 1 $\pm$ 2, $\alpha$ -1", LatexEscape.Text("High→Imp. 1 ± 2, α −1"));
}
