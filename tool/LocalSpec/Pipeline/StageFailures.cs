using LocalSpec.Data;

namespace LocalSpec.Pipeline;

/// <summary>Turns what a stage's work threw into diagnostics that name the manifest and the stage instance.</summary>
internal static class StageFailures
{
    private const int NoSpaceErrno = 28, ErrorDiskFull = 0x70, ErrorHandleDiskFull = 0x27;

    /// <summary>Everything but cancellation: a bug in one stage must not take finished work of the others with it.</summary>
    public static bool IsUserFacing(Exception e) => e is not OperationCanceledException;

    public static IReadOnlyList<PipelineDiagnostic> Diagnose(StageDefinition stage, Exception e)
    {
        if (e is PipelineException p) return p.Diagnostics;
        string file = stage.ManifestPath;
        var (line, column) = stage.Position;
        return e switch
        {
            DataException => [new PipelineDiagnostic(file, line, column, DiagnosticCodes.DataUnavailable, $"{stage.Id}: {e.Message}")],
            IOException io when io is ArtifactWriteException { IsDiskFull: true } || IsDiskFull(io) => [new PipelineDiagnostic(file, line, column, DiagnosticCodes.DiskFull,
                $"{stage.Id}: the disk is full ({e.Message}); nothing was committed, finished stages are kept — free space and run again")],
            IOException or UnauthorizedAccessException => [new PipelineDiagnostic(file, line, column, DiagnosticCodes.StageFailed, $"{stage.Id}: {e.Message}")],
            NullReferenceException or IndexOutOfRangeException or InvalidCastException or KeyNotFoundException or AggregateException
                => [new PipelineDiagnostic(file, line, column, DiagnosticCodes.StageFailed, $"{stage.Id}: {e.GetType().Name}: {e.Message} (a bug in LocalSpec; please report it)")],
            _ => [new PipelineDiagnostic(file, line, column, DiagnosticCodes.StageFailed, $"{stage.Id}: {e.Message}")],
        };
    }

    public static bool IsDiskFull(IOException e) =>
        e.HResult is NoSpaceErrno or ErrorDiskFull or ErrorHandleDiskFull
        || (e.HResult & 0xFFFF) is ErrorDiskFull or ErrorHandleDiskFull
        || e.Message.Contains("No space left on device", StringComparison.OrdinalIgnoreCase);
}
