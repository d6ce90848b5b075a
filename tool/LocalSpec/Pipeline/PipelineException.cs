namespace LocalSpec.Pipeline;

/// <summary>Any user-caused pipeline error; the message is the diagnostics, one per line.</summary>
public sealed class PipelineException : Exception
{
    public PipelineException(IReadOnlyList<PipelineDiagnostic> diagnostics)
        : this(diagnostics, inner: null)
    {
    }

    public PipelineException(IReadOnlyList<PipelineDiagnostic> diagnostics, Exception? inner)
        : base(string.Join('\n', diagnostics), inner)
    {
        Diagnostics = diagnostics;
    }

    public IReadOnlyList<PipelineDiagnostic> Diagnostics { get; }
}
