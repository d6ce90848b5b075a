using System.CommandLine;
using LocalSpec.Cli.Commands;

namespace LocalSpec.Cli;

/// <summary>The <c>dotnet localspec</c> command tree: declarations only; each verb calls the library.</summary>
public static class CliApp
{
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand(
            "LocalSpec: is this network locally specialized, and which groups of neurons are? " +
            "Train or load a network, cluster its neurons and test the clusters against random groups.")
        {
            // The name users type once the tool is installed (`dotnet localspec`), whatever hosts it.
            HelpName = "dotnet localspec",
        };
        root.Subcommands.Add(TrainCommand.Build());
        root.Subcommands.Add(EvalCommand.Build());
        root.Subcommands.Add(GraphCommand.Build());
        root.Subcommands.Add(PartitionCommand.Build(Graphs.GraphFile.Load));
        root.Subcommands.Add(MeasureCommand.Build());
        root.Subcommands.Add(StatsCommand.Build());
        root.Subcommands.Add(ClusterabilityCommand.Build());
        root.Subcommands.Add(DataCommands.Build());
        root.Subcommands.Add(RunCommand.Build());
        root.Subcommands.Add(StatusCommand.Build());
        root.Subcommands.Add(WhyCommand.Build());
        root.Subcommands.Add(CleanCommand.Build());
        root.Subcommands.Add(ReportCommand.Build());
        return root;
    }

    /// <summary>Parses and runs; writes to the given writers (tests) or the console.</summary>
    public static int Run(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        var root = BuildRoot();
        var config = new InvocationConfiguration
        {
            Output = output ?? Console.Out,
            Error = error ?? Console.Error,
            EnableDefaultExceptionHandler = false,
        };
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors)
                config.Error.WriteLine($"localspec: error: {e.Message}");
            config.Error.WriteLine("Run 'dotnet localspec --help' for usage.");
            return ExitCodes.Usage;
        }
        try
        {
            return parse.Invoke(config);
        }
        catch (Pipeline.PipelineException ex)
        {
            // Manifest and pipeline errors keep the compiler format editors and CI annotate: file(line,col): error LSPnnn: message.
            foreach (var d in ex.Diagnostics) config.Error.WriteLine(d.ToString());
            return ExitCodes.InputError;
        }
        catch (Exception ex) when (UserErrors.TryDescribe(ex, out string message))
        {
            config.Error.WriteLine($"localspec: error: {message}");
            return ExitCodes.InputError;
        }
        catch (OperationCanceledException)
        {
            config.Error.WriteLine("localspec: cancelled");
            return ExitCodes.Cancelled;
        }
    }
}
