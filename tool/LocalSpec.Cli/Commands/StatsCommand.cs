using System.CommandLine;
using System.Globalization;
using LocalSpec.Measures;
using LocalSpec.Stats;
using Spectre.Console;

namespace LocalSpec.Cli.Commands;

/// <summary>
/// <c>localspec stats MEASUREMENTS... [--ties half|not-more-specialized] --out stats.json</c>: per proxy, the
/// Fisher statistic and p-value and the effect measure of one network, or of replicate networks
/// combined by the Bates test (METHOD.md §7).
/// </summary>
public static class StatsCommand
{
    public static Command Build()
    {
        var files = new Argument<string[]>("measurements")
        {
            Description = "measurements.json of one network, or of each replicate network of one setup (combined by the Bates test)",
            Arity = ArgumentArity.OneOrMore,
        };
        var ties = new Option<string>("--ties") { Description = "A random value equal to the true one counts half (the paper) or as not more specialized (the authors' code)", DefaultValueFactory = _ => "half" };
        var output = new Option<string>("--out", "-o") { Description = "Statistics file to write (stats.json)", Required = true };
        ties.AcceptOnlyFromAmong("half", "not-more-specialized");

        var command = new Command("stats", "Test measurements against their random controls: Fisher statistic, p-value (Bates over replicates) and effect measure per proxy");
        command.Arguments.Add(files);
        command.Options.Add(ties);
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            string[] paths = parse.GetValue(files)!;
            var documents = paths.Select(MeasurementsFile.Load).ToArray();
            WarnSameModel(paths, documents, parse.InvocationConfiguration.Error);
            var rule = parse.GetValue(ties) == "half" ? TieRule.Half : TieRule.NotMoreSpecialized;
            var stats = documents.Length == 1
                ? MeasurementStats.Compute(documents[0], rule, paths[0])
                : MeasurementStats.Combine(documents, rule, paths);
            string outPath = parse.GetValue(output)!;
            stats.Write(outPath);
            var writer = parse.InvocationConfiguration.Output;
            Print(stats, documents.Length, writer);
            writer.WriteLine($"wrote {outPath}");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Replicates are different networks; two files of one model would count its evidence twice.</summary>
    private static void WarnSameModel(string[] paths, MeasurementsDocument[] documents, TextWriter error)
    {
        var groups = documents.Select((d, i) => (Sha: d.Sources?.ModelSha256, Path: paths[i]))
            .Where(x => x.Sha is not null).GroupBy(x => x.Sha).Where(g => g.Count() > 1);
        foreach (var group in groups)
            error.WriteLine($"localspec: warning: {string.Join(", ", group.Select(x => x.Path))} measured the same model (model_sha256 {group.Key![..12]}…); replicates should be different networks");
    }

    /// <summary>proxy · subclusters · F · p · effect ± SE, one row per proxy.</summary>
    private static void Print(StatsDocument stats, int replicates, TextWriter output)
    {
        var table = new Table().AddColumns("proxy", "subclusters", replicates > 1 ? "mean F" : "F", replicates > 1 ? "p (Bates)" : "p", "effect ± SE");
        foreach (var column in table.Columns.Skip(1)) column.RightAligned();
        foreach (var (name, proxy) in stats.Proxies.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var e = proxy.Effect;
            string effect = string.Create(CultureInfo.InvariantCulture, $"{e.Mean:F3} ± {(e.StandardError is double se ? se.ToString("F3", CultureInfo.InvariantCulture) : "n/a")}");
            if (proxy.EffectIsMoreSpecializedThanRandom) effect += " *";
            table.AddRow(Markup.Escape(name), proxy.SubclusterCount.ToString(CultureInfo.InvariantCulture),
                proxy.FisherStatistic.ToString("F3", CultureInfo.InvariantCulture), FormatP(proxy.PValue), effect);
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        if (!ReferenceEquals(output, Console.Out) || Console.IsOutputRedirected) console.Profile.Width = 200;
        console.Write(table);
        if (replicates > 1) output.WriteLine($"{replicates} replicates: mean F, p of the replicates' p-values by the Bates test, effect over all their subclusters");
        output.WriteLine("F = −mean ln p′ over the subclusters' centred percentiles (≈ 0.98 under the null with 19 controls); * = effect more than 2 SE from 1 on the specialized side");
    }

    private static string FormatP(PValue p) => p.IsBelowDoubleRange
        ? string.Create(CultureInfo.InvariantCulture, $"1e{p.Log10P:F0}")
        : p.P.ToString(p.P < 1e-3 ? "0.00e+0" : "F4", CultureInfo.InvariantCulture);
}
