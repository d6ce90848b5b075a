using System.Text;

namespace LocalSpec.Reporting;

/// <summary>
/// Makes free text (labels, names) safe inside a LaTeX document typeset by pdflatex with the
/// default OT1 font encoding: the ten special characters become commands, <c>&lt; &gt; |</c> (which
/// OT1 prints as ¡ ¿ —) become text commands, a few common Unicode symbols become their math form,
/// and line breaks become spaces so a label never ends a table row.
/// </summary>
public static class LatexEscape
{
    public static string Text(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length + 8);
        foreach (char c in text)
        {
            sb.Append(c switch
            {
                '\\' => @"\textbackslash{}",
                '&' => @"\&",
                '%' => @"\%",
                '$' => @"\$",
                '#' => @"\#",
                '_' => @"\_",
                '{' => @"\{",
                '}' => @"\}",
                '~' => @"\textasciitilde{}",
                '^' => @"\textasciicircum{}",
                '<' => @"\textless{}",
                '>' => @"\textgreater{}",
                '|' => @"\textbar{}",
                '\r' or '\n' or '\t' => " ",
                '±' => @"$\pm$",
                '×' => @"$\times$",
                '→' => @"$\rightarrow$",
                '−' => "-",
                '–' => "--",
                '—' => "---",
                'α' => @"$\alpha$",
                _ => c.ToString(),
            });
        }
        return sb.ToString();
    }
}
