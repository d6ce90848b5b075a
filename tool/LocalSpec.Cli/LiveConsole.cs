using Spectre.Console;

namespace LocalSpec.Cli;

/// <summary>
/// The one place that decides whether progress is drawn live: only when the command writes to the
/// real stderr and stderr is a terminal (tests pass their own writers; logs get plain lines).
/// </summary>
internal static class LiveConsole
{
    /// <summary>A console on stderr for live progress, or null when the displays should print lines.</summary>
    public static IAnsiConsole? For(TextWriter error) =>
        ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected
            ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) })
            : null;

    /// <summary>The house progress layout: description, bar, percentage, and elapsed (or remaining) time.</summary>
    public static Progress Progress(IAnsiConsole console, bool remaining = false) => console.Progress()
        .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
            remaining ? new RemainingTimeColumn() : new ElapsedTimeColumn());
}
