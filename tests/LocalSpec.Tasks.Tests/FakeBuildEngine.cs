using System.Collections;
using Microsoft.Build.Framework;

namespace LocalSpec.Tasks.Tests;

/// <summary>An error or warning as a task logged it: where it points and its code.</summary>
public sealed record LoggedDiagnostic(string? File, int Line, int Column, string? Code, string Message);

/// <summary>
/// The smallest <see cref="IBuildEngine"/> that runs a task outside MSBuild: it records every error,
/// warning and message the task logs (with file, line, column and code) and builds no projects.
/// </summary>
public sealed class FakeBuildEngine : IBuildEngine
{
    private readonly Lock _lock = new();

    public List<LoggedDiagnostic> Errors { get; } = [];

    public List<LoggedDiagnostic> Warnings { get; } = [];

    public List<(MessageImportance Importance, string Text)> Messages { get; } = [];

    public bool ContinueOnError => false;

    public int LineNumberOfTaskNode => 0;

    public int ColumnNumberOfTaskNode => 0;

    public string ProjectFileOfTaskNode => "fake.proj";

    /// <summary>Every logged line, in the shape of a build log (for assertion messages).</summary>
    public string Log
    {
        get
        {
            lock (_lock)
            {
                return string.Join('\n', Messages.Select(m => m.Text)
                    .Concat(Warnings.Select(w => $"{w.File}({w.Line},{w.Column}): warning {w.Code}: {w.Message}"))
                    .Concat(Errors.Select(e => $"{e.File}({e.Line},{e.Column}): error {e.Code}: {e.Message}")));
            }
        }
    }

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) =>
        throw new NotSupportedException("The fake build engine builds no projects.");

    public void LogCustomEvent(CustomBuildEventArgs e)
    {
        lock (_lock) Messages.Add((MessageImportance.Low, e.Message ?? ""));
    }

    public void LogErrorEvent(BuildErrorEventArgs e)
    {
        lock (_lock) Errors.Add(new LoggedDiagnostic(e.File, e.LineNumber, e.ColumnNumber, e.Code, e.Message ?? ""));
    }

    public void LogMessageEvent(BuildMessageEventArgs e)
    {
        lock (_lock) Messages.Add((e.Importance, e.Message ?? ""));
    }

    public void LogWarningEvent(BuildWarningEventArgs e)
    {
        lock (_lock) Warnings.Add(new LoggedDiagnostic(e.File, e.LineNumber, e.ColumnNumber, e.Code, e.Message ?? ""));
    }
}
