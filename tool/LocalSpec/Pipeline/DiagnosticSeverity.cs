namespace LocalSpec.Pipeline;

/// <summary>How bad a <see cref="PipelineDiagnostic"/> is: an error fails the build, a warning does not.</summary>
public enum DiagnosticSeverity
{
    Error,
    Warning,
}
