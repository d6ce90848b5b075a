using System.Text;

namespace LocalSpec.Reporting;

/// <summary>
/// Makes free text safe inside a GitHub-flavoured Markdown table cell: the pipe that would split
/// the cell, and the characters that would start emphasis, strikethrough, code, links, math ($, rendered by
/// GitHub) or inline HTML, get a backslash;
/// line breaks become spaces so a label never ends a table row.
/// </summary>
public static class MarkdownEscape
{
    public static string Text(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length + 4);
        foreach (char c in text)
        {
            switch (c)
            {
                case '\\' or '|' or '*' or '_' or '`' or '<' or '[' or ']' or '$' or '~':
                    sb.Append('\\').Append(c);
                    break;
                case '\r' or '\n' or '\t':
                    sb.Append(' ');
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }
}
