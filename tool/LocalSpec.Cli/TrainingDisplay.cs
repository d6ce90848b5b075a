using System.Globalization;
using LocalSpec.Nn;
using Spectre.Console;

namespace LocalSpec.Cli;

/// <summary>
/// Shows training progress on stderr: a live bar (epoch, loss, accuracy, examples/s) when stderr
/// is a terminal, otherwise one line per finished epoch, so logs stay readable.
/// </summary>
internal static class TrainingDisplay
{
    public static TrainingResult Run(Func<IProgress<TrainingProgress>?, TrainingResult> train, TextWriter error, bool quiet)
    {
        if (quiet) return train(null);
        if (LiveConsole.For(error) is { } console)
        {
            return LiveConsole.Progress(console, remaining: true)
                .AutoClear(false)
                .Start(ctx =>
                {
                    var task = ctx.AddTask("training", maxValue: 1);
                    var result = train(new Callback(p =>
                    {
                        task.Description = Markup.Escape(Describe(p));
                        task.Value = (p.Epoch - 1 + (double)p.Batch / p.Batches) / p.Epochs;
                    }));
                    task.Value = 1;
                    return result;
                });
        }
        return train(new Callback(p =>
        {
            if (p.Batch == p.Batches) error.WriteLine(Describe(p));
        }));
    }

    private static string Describe(TrainingProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"epoch {p.Epoch}/{p.Epochs} · loss {p.RunningLoss:F4} · accuracy {100 * p.RunningAccuracy:F2} % · {p.ExamplesPerSecond:N0} examples/s");

    /// <summary>Reports synchronously on the training thread (Progress&lt;T&gt; would post out of order).</summary>
    private sealed class Callback(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
