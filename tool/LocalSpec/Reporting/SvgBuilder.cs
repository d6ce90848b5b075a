using System.Globalization;
using System.Text;

namespace LocalSpec.Reporting;

/// <summary>
/// Writes SVG 1.1 by hand, deterministically: coordinates rounded to 2 decimals in the invariant
/// culture, attributes in a fixed order, LF line ends, no timestamps. The document opens with
/// &lt;title&gt; and &lt;desc&gt; referenced by aria-labelledby, so screen readers announce it.
/// </summary>
internal sealed class SvgBuilder
{
    private readonly StringBuilder _sb = new();

    public SvgBuilder(double width, double height, string title, string description)
    {
        _sb.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        _sb.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{N(width)}\" height=\"{N(height)}\" viewBox=\"0 0 {N(width)} {N(height)}\" role=\"img\" aria-labelledby=\"title desc\" font-family=\"Helvetica, Arial, sans-serif\">\n");
        _sb.Append($"<title id=\"title\">{Escape(title)}</title>\n");
        _sb.Append($"<desc id=\"desc\">{Escape(description)}</desc>\n");
        _sb.Append($"<rect x=\"0\" y=\"0\" width=\"{N(width)}\" height=\"{N(height)}\" fill=\"#ffffff\"/>\n");
    }

    /// <summary>A number as SVG writes it: at most 2 decimals, invariant, no "-0".</summary>
    public static string N(double x)
    {
        double r = Math.Round(x, 2, MidpointRounding.AwayFromZero);
        if (r == 0) r = 0;
        return r.ToString("0.##", CultureInfo.InvariantCulture);
    }

    /// <summary>XML character data / attribute text: the five predefined entities, and characters XML 1.0 forbids dropped.</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&apos;"); break;
                case '\t' or '\n' or '\r': sb.Append(' '); break;
                case < ' ' or '\uFFFE' or '\uFFFF': break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }

    public SvgBuilder Raw(string xml)
    {
        _sb.Append(xml).Append('\n');
        return this;
    }

    public SvgBuilder Rect(double x, double y, double width, double height, string fill, string? stroke = null, double strokeWidth = 1, string? tooltip = null)
    {
        _sb.Append($"<rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(width)}\" height=\"{N(height)}\" fill=\"{fill}\"");
        if (stroke is not null) _sb.Append($" stroke=\"{stroke}\" stroke-width=\"{N(strokeWidth)}\"");
        if (tooltip is null) _sb.Append("/>\n");
        else _sb.Append($"><title>{Escape(tooltip)}</title></rect>\n");
        return this;
    }

    public SvgBuilder Line(double x1, double y1, double x2, double y2, string stroke, double strokeWidth = 1, string? dash = null)
    {
        _sb.Append($"<line x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\" stroke=\"{stroke}\" stroke-width=\"{N(strokeWidth)}\"");
        if (dash is not null) _sb.Append($" stroke-dasharray=\"{dash}\"");
        _sb.Append("/>\n");
        return this;
    }

    /// <summary>Text at (x, y); anchor start|middle|end; rotate in degrees about (x, y).</summary>
    public SvgBuilder Text(double x, double y, string text, double size = 11, string anchor = "start",
        string fill = "#000000", bool bold = false, double rotate = 0)
    {
        _sb.Append($"<text x=\"{N(x)}\" y=\"{N(y)}\" font-size=\"{N(size)}\" text-anchor=\"{anchor}\" fill=\"{fill}\"");
        if (bold) _sb.Append(" font-weight=\"bold\"");
        if (rotate != 0) _sb.Append($" transform=\"rotate({N(rotate)} {N(x)} {N(y)})\"");
        _sb.Append('>').Append(Escape(text)).Append("</text>\n");
        return this;
    }

    public override string ToString() => _sb.ToString() + "</svg>\n";
}
