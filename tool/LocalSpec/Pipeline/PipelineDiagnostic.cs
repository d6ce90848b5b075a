using System.Globalization;

namespace LocalSpec.Pipeline;

/// <summary>
/// One user-facing problem, located in a file: a manifest error, or a stage failure reported
/// against the manifest that asked for the stage. <paramref name="Line"/> and
/// <paramref name="Column"/> are 1-based; 0 means "no position" (the whole file).
/// </summary>
public sealed record PipelineDiagnostic(string File, int Line, int Column, string Code, string Message,
    DiagnosticSeverity Severity = DiagnosticSeverity.Error)
{
    /// <summary>
    /// MSBuild's canonical error format, which MSBuild, VS Code and most CI log parsers turn into a
    /// clickable location: <c>file(line,col): error LSP002: message</c>; <c>file(line): …</c> without
    /// a column, <c>file: …</c> without a line, <c>error LSP007: …</c> without a file.
    /// </summary>
    public override string ToString()
    {
        string severity = Severity == DiagnosticSeverity.Warning ? "warning" : "error";
        string origin = (File, Line, Column) switch
        {
            ({ Length: 0 }, _, _) => "",
            (_, <= 0, _) => $"{File}: ",
            (_, _, <= 0) => string.Create(CultureInfo.InvariantCulture, $"{File}({Line}): "),
            _ => string.Create(CultureInfo.InvariantCulture, $"{File}({Line},{Column}): "),
        };
        return $"{origin}{severity} {Code}: {Message}";
    }
}
