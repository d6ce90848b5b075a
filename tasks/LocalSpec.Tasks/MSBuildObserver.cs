using System.Globalization;
using LocalSpec.Pipeline;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace LocalSpec.Tasks;

/// <summary>
/// Pipeline events as build log lines: each stage that runs gets a high-importance line when it
/// finishes, cached ones a low-importance line, progress a normal-importance line every quarter.
/// The pipeline calls from worker threads; the log is used under one lock.
/// </summary>
internal sealed class MSBuildObserver(TaskLoggingHelper log, Action<PipelineDiagnostic> diagnostic) : IPipelineObserver
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _quarters = [];

    public void StageStarted(StageDefinition stage, string key)
    {
        lock (_lock) log.LogMessage(MessageImportance.Normal, $"{stage.Experiment}: {stage.Id} (key {key[..12]})");
    }

    public void StageProgress(StageDefinition stage, double fraction, string description)
    {
        int quarter = (int)(fraction * 4);
        lock (_lock)
        {
            string id = stage.ToString();
            if (_quarters.TryGetValue(id, out int last) && last >= quarter) return;
            _quarters[id] = quarter;
            if (quarter is > 0 and < 4)
                log.LogMessage(MessageImportance.Normal, string.Create(CultureInfo.InvariantCulture, $"{stage.Experiment}: {stage.Id} {100 * fraction:F0} % · {description}"));
        }
    }

    public void StageFinished(StageDefinition stage, StageOutcome outcome, TimeSpan elapsed)
    {
        lock (_lock)
        {
            switch (outcome)
            {
                case StageOutcome.Ran:
                    log.LogMessage(MessageImportance.High, string.Create(CultureInfo.InvariantCulture, $"  {stage.Experiment}: ran {stage.Id} in {elapsed.TotalSeconds:F1} s"));
                    break;
                case StageOutcome.Cached:
                    log.LogMessage(MessageImportance.Low, $"  {stage.Experiment}: cached {stage.Id}");
                    break;
                case StageOutcome.Skipped:
                    log.LogMessage(MessageImportance.High, $"  {stage.Experiment}: skipped {stage.Id} (an upstream stage failed)");
                    break;
            }
        }
    }

    public void Diagnostic(PipelineDiagnostic d)
    {
        lock (_lock) diagnostic(d);
    }

    public void Message(string text)
    {
        lock (_lock) log.LogMessage(MessageImportance.High, text);
    }
}
