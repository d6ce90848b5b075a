using LocalSpec.Pipeline;
using Microsoft.Build.Framework;

namespace LocalSpec.Tasks;

/// <summary>
/// The shell around the pipeline (dotnet/sdk's TaskBase pattern): <see cref="Execute"/> calls
/// <see cref="ExecuteCore"/> and turns domain errors into <c>file(line,col): error LSPnnn</c> log
/// entries, so MSBuild, IDEs and CI annotate the manifest line.
/// </summary>
public abstract class LocalSpecTask : Microsoft.Build.Utilities.Task
{
    public sealed override bool Execute()
    {
        try
        {
            ExecuteCore();
        }
        catch (PipelineException e)
        {
            foreach (var d in e.Diagnostics) LogDiagnostic(d);
        }
        catch (OperationCanceledException)
        {
            Log.LogError("the LocalSpec run was cancelled; finished stages are kept in the cache");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Data.DataException)
        {
            Log.LogError(null, DiagnosticCodes.StageFailed, null, null, 0, 0, 0, 0, e.Message);
        }
        return !Log.HasLoggedErrors;
    }

    protected abstract void ExecuteCore();

    /// <summary>Logs a pipeline diagnostic as an MSBuild error or warning with its file, line, column and code.</summary>
    protected void LogDiagnostic(PipelineDiagnostic d)
    {
        if (d.Severity == DiagnosticSeverity.Warning)
            Log.LogWarning(null, d.Code, null, d.File, d.Line, d.Column, 0, 0, d.Message);
        else
            Log.LogError(null, d.Code, null, d.File, d.Line, d.Column, 0, 0, d.Message);
    }
}
