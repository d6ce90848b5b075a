using System.CommandLine;
using System.Globalization;
using LocalSpec.Pipeline;

namespace LocalSpec.Cli.Commands;

/// <summary><c>localspec status</c>: which stage instances are cached and which would run, and why.</summary>
public static class StatusCommand
{
    public static Command Build()
    {
        var manifests = ManifestArguments.Manifests();
        var store = ManifestArguments.Store();
        var all = new Option<bool>("--all", "-a") { Description = "List cached instances too" };
        var command = new Command("status", "Show which stage instances of the manifests are cached and which would run, and why");
        command.Arguments.Add(manifests);
        command.Options.Add(store);
        command.Options.Add(all);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var loaded = ManifestArguments.Load(parse.GetValue(manifests)!);
            var workspace = ManifestArguments.Workspace(loaded, parse.GetValue(store));
            var environment = workspace.Environment(parse.InvocationConfiguration.Error.WriteLine, autoFetch: false);
            var plans = loaded.Select(m => StagePlanner.Build(m, environment)).ToArray();
            var keys = PlanKeys.Compute(plans);
            int cached = 0, stale = 0;
            foreach (var plan in plans)
            {
                var statuses = PipelineStatus.Of(plan, keys, workspace.Store);
                int planStale = statuses.Count(s => !s.Cached);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{plan.Manifest.Name} ({Path.GetRelativePath(Environment.CurrentDirectory, plan.Manifest.SourcePath)}): {statuses.Count - planStale} cached, {planStale} would run"));
                foreach (var s in statuses)
                {
                    if (s.Cached && !parse.GetValue(all)) continue;
                    output.WriteLine($"  {(s.Cached ? "cached" : "stale ")}  {s.Stage.Id}{(s.Cached ? "" : "  — " + s.Reasons[0].Trim())}");
                    // A new instance is explained by its differences from the closest recorded one, which follow the "compared with …:" line.
                    if (!s.Cached && s.Reasons[0].EndsWith(':'))
                        foreach (string detail in s.Reasons.Skip(1)) output.WriteLine($"            {detail.Trim()}");
                }
                cached += statuses.Count - planStale;
                stale += planStale;
            }
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stages: {stale} would run, {cached} cached"));
            return ExitCodes.Success;
        });
        return command;
    }
}
