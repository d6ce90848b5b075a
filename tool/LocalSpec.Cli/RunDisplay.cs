using System.Collections.Concurrent;
using System.Globalization;
using LocalSpec.Pipeline;
using Spectre.Console;

namespace LocalSpec.Cli;

/// <summary>
/// Shows a pipeline run on stderr: on a terminal a live bar per running stage instance (finished
/// bars disappear) with one line per stage that ran; otherwise one line per stage that ran, failed
/// or was skipped, so logs stay readable. Diagnostics always go out as
/// <c>file(line,col): error LSPnnn: …</c> lines.
/// </summary>
internal static class RunDisplay
{
    public static T Run<T>(Func<IPipelineObserver, T> run, TextWriter error, bool quiet)
    {
        if (!quiet && LiveConsole.For(error) is { } console)
        {
            return LiveConsole.Progress(console)
                .AutoClear(true)
                .HideCompleted(true)
                .Start(ctx => run(new LiveObserver(ctx, console)));
        }
        return run(new LineObserver(error, quiet));
    }

    public static string Describe(StageDefinition stage, TimeSpan elapsed) =>
        string.Create(CultureInfo.InvariantCulture, $"{stage.Experiment}: ran {stage.Id} in {elapsed.TotalSeconds:F1} s");

    private sealed class LiveObserver(ProgressContext context, IAnsiConsole console) : IPipelineObserver
    {
        private readonly ConcurrentDictionary<StageDefinition, ProgressTask> _tasks = new(ReferenceEqualityComparer.Instance);
        private readonly Lock _lock = new();

        public void StageStarted(StageDefinition stage, string key)
        {
            lock (_lock) _tasks[stage] = context.AddTask(Markup.Escape($"{stage.Experiment}: {stage.Id}"), maxValue: 1);
        }

        public void StageProgress(StageDefinition stage, double fraction, string description)
        {
            if (!_tasks.TryGetValue(stage, out var task)) return;
            lock (_lock)
            {
                task.Value = fraction;
                task.Description = Markup.Escape($"{stage.Experiment}: {stage.Id} · {description}");
            }
        }

        public void StageFinished(StageDefinition stage, StageOutcome outcome, TimeSpan elapsed)
        {
            lock (_lock)
            {
                if (_tasks.TryRemove(stage, out var task))
                {
                    task.Value = 1;
                    task.StopTask();
                }
                if (outcome == StageOutcome.Ran) console.MarkupLine(Markup.Escape(Describe(stage, elapsed)));
                else if (outcome == StageOutcome.Skipped) console.MarkupLine(Markup.Escape($"{stage.Experiment}: skipped {stage.Id}"));
            }
        }

        public void Diagnostic(PipelineDiagnostic diagnostic)
        {
            lock (_lock) console.MarkupLine(Markup.Escape(diagnostic.ToString()));
        }

        public void Message(string text)
        {
            lock (_lock) console.MarkupLine(Markup.Escape(text));
        }
    }

    private sealed class LineObserver(TextWriter error, bool quiet) : IPipelineObserver
    {
        private readonly Lock _lock = new();

        public void StageStarted(StageDefinition stage, string key) { }

        public void StageProgress(StageDefinition stage, double fraction, string description) { }

        public void StageFinished(StageDefinition stage, StageOutcome outcome, TimeSpan elapsed)
        {
            if (quiet) return;
            lock (_lock)
            {
                if (outcome == StageOutcome.Ran) error.WriteLine(Describe(stage, elapsed));
                else if (outcome == StageOutcome.Skipped) error.WriteLine($"{stage.Experiment}: skipped {stage.Id}");
            }
        }

        public void Diagnostic(PipelineDiagnostic diagnostic)
        {
            lock (_lock) error.WriteLine(diagnostic.ToString());
        }

        public void Message(string text)
        {
            if (quiet) return;
            lock (_lock) error.WriteLine(text);
        }
    }
}
