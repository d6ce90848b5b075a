using System.Globalization;

namespace LocalSpec.Pipeline;

/// <summary>The counts of one run; <see cref="ToString"/> is the line every run ends with.</summary>
public sealed record RunSummary(int Ran, int Cached, int Failed, int Skipped, IReadOnlyList<PipelineDiagnostic> Errors)
{
    public static RunSummary Empty { get; } = new(0, 0, 0, 0, []);

    public bool Succeeded => Failed == 0 && Skipped == 0;

    public RunSummary Add(RunSummary other) =>
        new(Ran + other.Ran, Cached + other.Cached, Failed + other.Failed, Skipped + other.Skipped, [.. Errors, .. other.Errors]);

    /// <summary><c>stages: N ran, M cached</c>, with failures and skips when there were any.</summary>
    public override string ToString()
    {
        string line = string.Create(CultureInfo.InvariantCulture, $"stages: {Ran} ran, {Cached} cached");
        if (Failed > 0) line += string.Create(CultureInfo.InvariantCulture, $", {Failed} failed");
        if (Skipped > 0) line += string.Create(CultureInfo.InvariantCulture, $", {Skipped} skipped");
        return line;
    }
}
