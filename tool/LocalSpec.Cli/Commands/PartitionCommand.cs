using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using LocalSpec.Graphs;
using LocalSpec.Partitioning;
using Spectre.Console;

namespace LocalSpec.Cli.Commands;

/// <summary>
/// <c>localspec partition --graph G [--scope network|layer] [--k 16] [--seed S] [--n-init 25] [--select ncut|inertia] --out partition.json</c>:
/// normalized spectral clustering of a neuron graph (METHOD.md §3–§5). The graph file is read by
/// the loader given to <see cref="Build"/> (the graph stage's reader of graph.safetensors + graph.json).
/// </summary>
public static class PartitionCommand
{
    public static Command Build(Func<string, NeuronGraph> loadGraph)
    {
        ArgumentNullException.ThrowIfNull(loadGraph);
        var graph = new Option<string>("--graph", "-g") { Description = "Graph written by the graph stage (graph.safetensors, graph.json beside it)", Required = true };
        var scope = new Option<string>("--scope") { Description = "network: one clustering of the whole graph; layer: one per hidden layer, k_l taken from the network clustering", DefaultValueFactory = _ => "network" };
        var k = new Option<int>("--k") { Description = "Clusters in the network clustering (METHOD.md §3)", DefaultValueFactory = _ => 16 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of every random choice (Lanczos start, k-means restarts)", DefaultValueFactory = _ => 0 };
        var restarts = new Option<int>("--n-init") { Description = "k-means restarts; --select says which one is kept", DefaultValueFactory = _ => 25 };
        var select = new Option<string>("--select") { Description = "Restart kept: ncut, the lowest n-cut; inertia, the lowest k-means inertia (the paper's and scikit-learn's rule)", DefaultValueFactory = _ => "ncut" };
        var output = new Option<string>("--out", "-o") { Description = "Partition file to write (partition.json)", Required = true };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress display" };

        scope.AcceptOnlyFromAmong("network", "layer");
        select.AcceptOnlyFromAmong("ncut", "inertia");
        OptionRules.AtLeast(k, 1);
        OptionRules.AtLeast(restarts, 1);

        var command = new Command("partition", "Cluster a graph's neurons by normalized spectral clustering and write their labels and subclusters");
        foreach (Option o in new Option[] { graph, scope, k, seed, restarts, select, output, quiet }) command.Options.Add(o);
        command.SetAction((parse, cancel) =>
        {
            var error = parse.InvocationConfiguration.Error;
            string graphPath = parse.GetValue(graph)!, path = parse.GetValue(output)!;
            var partitionScope = parse.GetValue(scope) == "layer" ? PartitionScope.Layer : PartitionScope.Network;
            var options = new SpectralClusteringOptions
            {
                K = parse.GetValue(k),
                Seed = parse.GetValue(seed),
                Restarts = parse.GetValue(restarts),
                Selection = parse.GetValue(select) == "inertia" ? RestartSelection.Inertia : RestartSelection.NCut,
            };
            var clock = Stopwatch.StartNew();
            try
            {
                NeuronGraph g = loadGraph(graphPath);
                Partition p = Display(progress => Partitioner.Run(g, partitionScope, options, progress, cancel), error, parse.GetValue(quiet));
                PartitionFile.Save(path, p);
                WarnUnconverged(p, error);
                parse.InvocationConfiguration.Output.WriteLine(Describe(path, p, g, clock.Elapsed));
                return Task.FromResult(ExitCodes.Success);
            }
            catch (PartitionException e)
            {
                error.WriteLine($"localspec: error: {graphPath}: {e.Message}");
                return Task.FromResult(ExitCodes.InputError);
            }
        });
        return command;
    }

    /// <summary>Lanczos stops at its product budget rather than loop for ever; say so when that happened.</summary>
    private static void WarnUnconverged(Partition p, TextWriter error)
    {
        var clusterings = p.Layers.Select(l => (l.Name, l.Clustering)).Prepend(("network", p.Network));
        foreach (var (name, summary) in clusterings)
            if (summary is not null && summary.EigenResidual > 1e-8)
                error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"localspec: warning: {name}: the eigenvectors reached a residual of only {summary.EigenResidual:G3} (Lanczos product budget)"));
    }

    private static string Describe(string path, Partition p, NeuronGraph g, TimeSpan elapsed) => string.Create(CultureInfo.InvariantCulture,
        $"wrote {path} · {p.Scope.ToString().ToLowerInvariant()} scope · {g.NodeCount} nodes · k {p.K} · n-cut {p.NCut:F4} · " +
        $"{p.Subclusters.Count} subclusters ({p.Subclusters.Count(s => s.Analysable)} analysable) · {elapsed.TotalSeconds:F2} s");

    /// <summary>A live bar on a terminal; otherwise one line per clustering started, so logs stay readable.</summary>
    private static Partition Display(Func<IProgress<PartitionProgress>?, Partition> run, TextWriter error, bool quiet)
    {
        if (quiet) return run(null);
        if (LiveConsole.For(error) is { } console)
        {
            return LiveConsole.Progress(console)
                .AutoClear(false)
                .Start(ctx =>
                {
                    var task = ctx.AddTask("partition", maxValue: 1);
                    Partition result = run(new Callback(p =>
                    {
                        task.Description = Markup.Escape(Step(p));
                        task.Value = (p.Completed + (p.Step == SpectralClusteringStep.KMeans ? 0.5 : 0)) / p.Total;
                    }));
                    task.Value = 1;
                    return result;
                });
        }
        return run(new Callback(p =>
        {
            if (p.Step == SpectralClusteringStep.Embedding) error.WriteLine(Step(p));
        }));
    }

    private static string Step(PartitionProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"clustering {p.Completed + 1}/{p.Total} ({p.Clustering}): {(p.Step == SpectralClusteringStep.Embedding ? "eigenvectors" : "k-means")}");

    /// <summary>Reports synchronously on the working thread (Progress&lt;T&gt; would post out of order).</summary>
    private sealed class Callback(Action<PartitionProgress> report) : IProgress<PartitionProgress>
    {
        public void Report(PartitionProgress value) => report(value);
    }
}
