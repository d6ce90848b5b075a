using System.Globalization;

namespace LocalSpec.Pipeline;

/// <summary>
/// One user-facing pipeline problem, printed in MSBuild's canonical format
/// (<c>file(line,col): error LSP002: message</c>, 1-based line and column). A diagnostic with no
/// position (line &lt;= 0) prints as <c>file: error LSP105: message</c>, which MSBuild also accepts.
/// </summary>
public sealed record PipelineDiagnostic(string File, int Line, int Column, string Code, string Message,
    DiagnosticSeverity Severity = DiagnosticSeverity.Error)
{
    public override string ToString()
    {
        string severity = Severity == DiagnosticSeverity.Error ? "error" : "warning";
        string location = Line > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{File}({Line},{Math.Max(Column, 1)})")
            : File;
        return $"{location}: {severity} {Code}: {Message}";
    }
}
