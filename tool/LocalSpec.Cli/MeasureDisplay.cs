using System.Globalization;
using LocalSpec.Measures;
using Spectre.Console;

namespace LocalSpec.Cli;

/// <summary>
/// Shows the measure stage's progress on stderr: a live bar per stage (lesions, feature
/// visualization) when stderr is a terminal, otherwise a line per finished layer of lesions and per
/// tenth of the visualizations, so logs stay readable.
/// </summary>
internal static class MeasureDisplay
{
    public static MeasurementResult Run(Func<IProgress<MeasureProgress>?, MeasurementResult> measure, TextWriter error, bool quiet)
    {
        if (quiet) return measure(null);
        if (LiveConsole.For(error) is { } console)
        {
            return LiveConsole.Progress(console)
                .AutoClear(false)
                .Start(ctx =>
                {
                    var tasks = new Dictionary<MeasureStage, ProgressTask>();
                    var result = measure(new Callback(p =>
                    {
                        if (!tasks.TryGetValue(p.Stage, out var task)) tasks[p.Stage] = task = ctx.AddTask(Name(p.Stage), maxValue: Math.Max(1, p.Total));
                        task.Description = Markup.Escape(Describe(p));
                        task.Value = p.Done;
                    }));
                    foreach (var task in tasks.Values) task.Value = task.MaxValue;
                    return result;
                });
        }
        int lastTenth = -1;
        return measure(new Callback(p =>
        {
            int tenth = 10 * p.Done / Math.Max(1, p.Total);
            if (p.Stage == MeasureStage.Lesions || tenth != lastTenth || p.Done == p.Total) error.WriteLine($"localspec: {Describe(p)}");
            lastTenth = p.Done == p.Total ? -1 : tenth;
        }));
    }

    private static string Name(MeasureStage stage) => stage == MeasureStage.Lesions ? "lesions" : "feature visualization";

    private static string Describe(MeasureProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"{Name(p.Stage)}: {p.Done}/{p.Total} subclusters (layers.{p.Layer})");

    /// <summary>Reports synchronously on the measuring thread (Progress&lt;T&gt; would post out of order).</summary>
    private sealed class Callback(Action<MeasureProgress> report) : IProgress<MeasureProgress>
    {
        public void Report(MeasureProgress value) => report(value);
    }
}
