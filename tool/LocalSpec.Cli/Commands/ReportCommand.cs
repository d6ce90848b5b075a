using System.CommandLine;
using LocalSpec.Pipeline;

namespace LocalSpec.Cli.Commands;

/// <summary><c>localspec report</c>: renders the tables and figures of the manifests from what the store holds (runs nothing).</summary>
public static class ReportCommand
{
    public static Command Build()
    {
        var manifests = ManifestArguments.Manifests();
        var store = ManifestArguments.Store();
        var reports = ManifestArguments.Reports();
        var command = new Command("report", "Render the paper's tables (Markdown, LaTeX) and figures (SVG, PNG) from the cached statistics of the manifests");
        command.Arguments.Add(manifests);
        command.Options.Add(store);
        command.Options.Add(reports);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var loaded = ManifestArguments.Load(parse.GetValue(manifests)!);
            var workspace = ManifestArguments.Workspace(loaded, parse.GetValue(store), parse.GetValue(reports));
            var outcome = ReportPublisher.Publish(loaded, workspace);
            foreach (var d in outcome.Diagnostics) error.WriteLine(d.ToString());
            foreach (string p in outcome.Written) output.WriteLine($"wrote {Path.GetRelativePath(workspace.Root, p)}");
            output.WriteLine($"{outcome.Written.Count} file(s) written, {outcome.Unchanged.Count} unchanged in {workspace.ReportsDirectory}");
            return outcome.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error) ? ExitCodes.InputError : ExitCodes.Success;
        });
        return command;
    }
}
