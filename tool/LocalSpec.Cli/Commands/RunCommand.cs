using System.CommandLine;
using LocalSpec.Pipeline;

namespace LocalSpec.Cli.Commands;

/// <summary><c>localspec run</c>: every stage instance of the manifests, cached stages reused, then the reports.</summary>
public static class RunCommand
{
    public static Command Build()
    {
        var manifests = ManifestArguments.Manifests();
        var jobs = new Option<int>("--jobs", "-j") { Description = "Stage instances run at once", DefaultValueFactory = _ => 1 };
        var store = ManifestArguments.Store();
        var reports = ManifestArguments.Reports();
        var noReport = new Option<bool>("--no-report") { Description = "Run the stages only; do not render the tables" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress display" };
        OptionRules.AtLeast(jobs, 1);

        var command = new Command("run", "Run every stage of the manifests (train → graph → partition → measure → stats → report), reusing cached stages");
        command.Arguments.Add(manifests);
        foreach (Option o in new Option[] { jobs, store, reports, noReport, quiet }) command.Options.Add(o);
        command.SetAction((parse, cancel) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var output = parse.InvocationConfiguration.Output;
            CommandSupport.Banner(error);
            var loaded = ManifestArguments.Load(parse.GetValue(manifests)!);
            var workspace = ManifestArguments.Workspace(loaded, parse.GetValue(store), parse.GetValue(reports));
            ExperimentPlan[] plans = [];
            var summary = RunDisplay.Run(observer =>
            {
                var environment = workspace.Environment(observer.Message);
                plans = [.. loaded.Select(m => StagePlanner.Build(m, environment))];
                return new PipelineRunner(environment, observer, parse.GetValue(jobs)).Run(plans, cancel);
            }, error, parse.GetValue(quiet));
            if (!parse.GetValue(noReport) && summary.Succeeded)
            {
                var outcome = ReportPublisher.Publish(plans, workspace);
                foreach (var d in outcome.Diagnostics) error.WriteLine(d.ToString());
                foreach (var p in outcome.Written) output.WriteLine($"wrote {Path.GetRelativePath(workspace.Root, p)}");
            }
            output.WriteLine(summary.ToString());
            return Task.FromResult(summary.Succeeded ? ExitCodes.Success : ExitCodes.StageFailed);
        });
        return command;
    }
}
