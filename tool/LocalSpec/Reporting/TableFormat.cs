using LocalSpec.Stats;

namespace LocalSpec.Reporting;

/// <summary>
/// How one output language writes the pieces of a table cell. The view models hand templates
/// finished strings (escaped labels, formatted and bolded numbers), so a template only arranges
/// them and never formats a number itself (Handlebars would use the current culture).
/// </summary>
internal abstract class TableFormat
{
    public static readonly TableFormat Markdown = new MarkdownFormat();
    public static readonly TableFormat Latex = new LatexFormat();

    /// <summary>The file extension without the dot, also the template's middle extension (<c>table1-fisher.md.hbs</c>).</summary>
    public abstract string Extension { get; }

    public abstract string Escape(string text);

    public abstract string Bold(string formatted);

    /// <summary>A p-value as a number of this language (LaTeX: siunitx <c>\num{2e-17}</c> prints 2 × 10⁻¹⁷).</summary>
    public abstract string Number(string invariantNumber);

    public abstract string PlusMinus { get; }

    /// <summary>F as plain digits (not <c>\num</c>: siunitx typesets in math mode, where <c>\textbf</c> would not bold it).</summary>
    public string Fisher(double f) => ReportNumbers.Fisher(f);

    public string P(PValue p) => Number(ReportNumbers.P(p));

    public string P(double p) => Number(ReportNumbers.P(p));

    public string Effect(EffectSummary e) => ReportNumbers.EffectWithError(e, PlusMinus);

    public string Effect(double mean, double se) => ReportNumbers.Effect(mean) + PlusMinus + ReportNumbers.Effect(se);

    public string MaybeBold(string formatted, bool bold) => bold ? Bold(formatted) : formatted;

    private sealed class MarkdownFormat : TableFormat
    {
        public override string Extension => "md";

        public override string Escape(string text) => MarkdownEscape.Text(text);

        public override string Bold(string formatted) => "**" + formatted + "**";

        public override string Number(string invariantNumber) => invariantNumber;

        public override string PlusMinus => " ± ";
    }

    private sealed class LatexFormat : TableFormat
    {
        public override string Extension => "tex";

        public override string Escape(string text) => LatexEscape.Text(text);

        public override string Bold(string formatted) => @"\textbf{" + formatted + "}";

        public override string Number(string invariantNumber) => @"\num{" + invariantNumber + "}";

        public override string PlusMinus => @" $\pm$ ";
    }
}
