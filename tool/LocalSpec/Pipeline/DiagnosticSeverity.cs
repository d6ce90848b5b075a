namespace LocalSpec.Pipeline;

/// <summary>How a <see cref="PipelineDiagnostic"/> is reported (MSBuild error or warning).</summary>
public enum DiagnosticSeverity
{
    Error,
    Warning,
}
