using System.CommandLine;
using LocalSpec.Pipeline;

namespace LocalSpec.Cli.Commands;

/// <summary><c>localspec why</c>: for one stage instance, whether it is cached and which key component changed.</summary>
public static class WhyCommand
{
    public static Command Build()
    {
        var manifest = new Argument<string>("manifest") { Description = "Experiment manifest (.yaml)" };
        var stage = new Argument<string>("stage") { Description = "Stage instance, as `status --all` lists it (e.g. partition/weights/network/k16@r0)" };
        var store = ManifestArguments.Store();
        var command = new Command("why", "Explain whether a stage instance would run, naming the key components that changed since localspec.lock");
        command.Arguments.Add(manifest);
        command.Arguments.Add(stage);
        command.Options.Add(store);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var loaded = ManifestArguments.Load([parse.GetValue(manifest)!]);
            var workspace = ManifestArguments.Workspace(loaded, parse.GetValue(store));
            var environment = workspace.Environment(error.WriteLine, autoFetch: false);
            var plan = StagePlanner.Build(loaded[0], environment);
            string id = parse.GetValue(stage)!;
            var definition = plan.Find(id);
            if (definition is null)
            {
                error.WriteLine($"localspec: error: {loaded[0].Name} has no stage instance '{id}'; its instances are:");
                foreach (var s in plan.Stages) error.WriteLine($"  {s.Id}");
                return ExitCodes.InputError;
            }
            var status = PipelineStatus.Of(plan, PlanKeys.Compute([plan]), workspace.Store).Single(s => ReferenceEquals(s.Stage, definition));
            output.WriteLine($"{loaded[0].Name}: {id} (key {status.Key[..12]})");
            if (status.Cached)
            {
                output.WriteLine(status.Previous is { } p && p.Key != status.Key
                    ? "  cached: the store holds this key (localspec.lock records another; it is updated on the next run)"
                    : "  cached: nothing it depends on changed since localspec.lock recorded it; it will not run");
                return ExitCodes.Success;
            }
            output.WriteLine("  would run:");
            foreach (string reason in status.Reasons) output.WriteLine($"  - {reason.Trim()}");
            return ExitCodes.Success;
        });
        return command;
    }
}
