namespace LocalSpec.Reporting;

/// <summary>A report template that does not parse or render; the message names the template file.</summary>
public sealed class ReportTemplateException(string template, string message, Exception? inner = null)
    : Exception($"{template}: {message}", inner)
{
    public string Template { get; } = template;
}
