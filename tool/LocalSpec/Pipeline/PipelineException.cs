namespace LocalSpec.Pipeline;

/// <summary>
/// A pipeline error the user caused or can fix (a bad manifest, missing data, a full disk): one
/// <see cref="PipelineDiagnostic"/> per problem, all of them collected before throwing. The
/// message is the diagnostics' canonical lines joined by '\n', ready to print as is.
/// </summary>
public sealed class PipelineException : Exception
{
    public PipelineException(IReadOnlyList<PipelineDiagnostic> diagnostics)
        : base(Describe(diagnostics))
    {
        Diagnostics = [.. diagnostics];
    }

    public PipelineException(IReadOnlyList<PipelineDiagnostic> diagnostics, Exception? inner)
        : base(Describe(diagnostics), inner)
    {
        Diagnostics = [.. diagnostics];
    }

    public PipelineException(PipelineDiagnostic diagnostic)
        : this([diagnostic])
    {
    }

    public IReadOnlyList<PipelineDiagnostic> Diagnostics { get; }

    private static string Describe(IReadOnlyList<PipelineDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (diagnostics.Count == 0) throw new ArgumentException("A pipeline exception needs at least one diagnostic.", nameof(diagnostics));
        return string.Join('\n', diagnostics);
    }
}
