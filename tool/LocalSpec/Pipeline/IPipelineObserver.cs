namespace LocalSpec.Pipeline;

/// <summary>
/// What a run tells its shell (the CLI's progress display, the MSBuild task's log). Called from
/// worker threads: implementations must be thread-safe.
/// </summary>
public interface IPipelineObserver
{
    void StageStarted(StageDefinition stage, string key);

    void StageProgress(StageDefinition stage, double fraction, string description);

    void StageFinished(StageDefinition stage, StageOutcome outcome, TimeSpan elapsed);

    /// <summary>Errors (a failed stage) and warnings (a tampered artifact that is rebuilt).</summary>
    void Diagnostic(PipelineDiagnostic diagnostic);

    /// <summary>Informational lines (data acquisition).</summary>
    void Message(string text);
}
