using System.Globalization;
using HandlebarsDotNet;
using HandlebarsDotNet.Compiler;

namespace LocalSpec.Reporting;

/// <summary>
/// The Handlebars templates of the tables: <c>&lt;name&gt;.&lt;md|tex&gt;.hbs</c> from the user's
/// templates directory when it has the file, else the copy of reports/templates embedded in the
/// assembly. Values are inserted unescaped (each format escapes its own text, see
/// <see cref="TableFormat"/>); line endings are normalised to LF so the output bytes do not depend
/// on how the templates were checked out.
/// </summary>
public sealed class ReportTemplates
{
    /// <summary>The tables, in the order they are written.</summary>
    public static readonly IReadOnlyList<string> Names = ["table1-fisher", "table2-effect", "tables7-8-details", "k-robustness"];

    private readonly string? _directory;
    private readonly IHandlebars _handlebars;
    private readonly Dictionary<string, (HandlebarsTemplate<object, object> Render, string Source)> _compiled = new(StringComparer.Ordinal);

    public ReportTemplates(string? directory)
    {
        _directory = directory;
        _handlebars = Handlebars.Create(new HandlebarsConfiguration
        {
            NoEscape = true,
            FormatProvider = CultureInfo.InvariantCulture,
            ThrowOnUnresolvedBindingExpression = true,
        });
    }

    /// <summary>The template's text and where it came from (a file path, or "embedded:&lt;file&gt;").</summary>
    public static (string Text, string Source) Load(string? directory, string fileName)
    {
        if (directory is not null)
        {
            string path = Path.Combine(directory, fileName);
            if (File.Exists(path)) return (File.ReadAllText(path), Path.GetFullPath(path));
        }
        string text = EmbeddedResources.TryReadText("Templates." + fileName)
            ?? throw new ReportTemplateException(fileName, "no such template in the templates directory or the assembly");
        return (text, "embedded:" + fileName);
    }

    /// <summary>Renders template <paramref name="name"/> in <paramref name="extension"/> (md, tex) with <paramref name="model"/>.</summary>
    public string Render(string name, string extension, object model)
    {
        string fileName = $"{name}.{extension}.hbs";
        if (!_compiled.TryGetValue(fileName, out var template))
        {
            (string text, string source) = Load(_directory, fileName);
            try
            {
                template = (_handlebars.Compile(text.ReplaceLineEndings("\n")), source);
            }
            catch (HandlebarsException e)
            {
                throw new ReportTemplateException(source, e.Message, e);
            }
            _compiled[fileName] = template;
        }
        try
        {
            return template.Render(model);
        }
        catch (Exception e) when (e is HandlebarsException or HandlebarsUndefinedBindingException)
        {
            throw new ReportTemplateException(template.Source, e.Message, e);
        }
    }
}
