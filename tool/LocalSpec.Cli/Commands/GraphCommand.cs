using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using LocalSpec.Data;
using LocalSpec.Graphs;
using LocalSpec.Nn;
using Spectre.Console;

namespace LocalSpec.Cli.Commands;

/// <summary>
/// <c>localspec graph --model M [--arch A] --kind weights|activations [--dataset D] [--kernel-norm l1|induced]
/// [--examples 5000] [--seed S] --out graph.safetensors</c>: a network's weight or activation graph (METHOD.md §2).
/// </summary>
public static class GraphCommand
{
    public static Command Build()
    {
        var o = new Declared();
        o.Kind.AcceptOnlyFromAmong("weights", "activations");
        o.Norm.AcceptOnlyFromAmong("l1", "induced");
        OptionRules.AtLeast(o.Examples, 2);
        o.Examples.Validators.Add(r =>
        {
            if (r.GetValue(o.Examples) > SquaredSpearman.MaxExamples)
                r.AddError(string.Create(CultureInfo.InvariantCulture, $"--examples must be at most {SquaredSpearman.MaxExamples} (got {r.GetValue(o.Examples)})"));
        });

        var command = new Command("graph", "Make a network's weight or activation graph (nodes are neurons) and write it as graph.safetensors + graph.json");
        foreach (Option option in o.All) command.Options.Add(option);
        command.Validators.Add(result =>
        {
            bool activations = result.GetValue(o.Kind) == "activations";
            if (activations && result.GetValue(o.Dataset) is null)
                result.AddError("--kind activations needs --dataset (the training examples to correlate over)");
            if (activations && result.GetValue(o.Norm) is not null)
                result.AddError("--kernel-norm applies to weight graphs only");
            if (result.GetValue(o.Arch) is { } a && Presets.Names.Contains(a) && result.GetValue(o.Dataset) is null)
                result.AddError($"--arch {a} needs --dataset to size the preset (image shape and class count)");
        });
        command.SetAction((parse, cancel) => Task.FromResult(Run(parse, o, cancel)));
        return command;
    }

    private static int Run(ParseResult parse, Declared o, CancellationToken cancel)
    {
        var error = parse.InvocationConfiguration.Error;
        string path = parse.GetValue(o.Model)!;
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: file not found", path);
        string outPath = parse.GetValue(o.Output)!;
        GraphFile.JsonPath(outPath); // a bad output name fails before the work, not after
        CommandSupport.Banner(error);
        string? datasetName = parse.GetValue(o.Dataset);
        var data = datasetName is null ? null : CommandSupport.LoadDataset(datasetName, error);
        string? archName = parse.GetValue(o.Arch);
        var network = ModelFile.Load(path, archName is null ? null : CommandSupport.ResolveArchitecture(archName, data!));
        if (data is not null) CommandSupport.CheckFits(network, data, path);

        string modelSha = FileHashing.Sha256Hex(path);
        var clock = Stopwatch.StartNew();
        NeuronGraph graph;
        GraphProvenance provenance;
        if (parse.GetValue(o.Kind) == "weights")
        {
            var options = new WeightGraphOptions { KernelNorm = parse.GetValue(o.Norm) == "induced" ? KernelNorm.Induced : KernelNorm.L1 };
            graph = Named(path, () => WeightGraph.Build(network, options));
            provenance = GraphProvenance.ForWeights(modelSha, options);
        }
        else
        {
            var options = new ActivationGraphOptions { MaxExamples = parse.GetValue(o.Examples), Seed = parse.GetValue(o.Seed) };
            graph = Named(path, () => ActivationProgress.Run(p => ActivationGraph.Build(network, data!.Train, options, p, cancel), error, parse.GetValue(o.Quiet)));
            provenance = GraphProvenance.ForActivations(modelSha, data!.Name, data.Train.Count, options);
        }
        double seconds = clock.Elapsed.TotalSeconds;
        GraphFile.Save(graph, outPath, provenance);
        parse.InvocationConfiguration.Output.WriteLine(Summary(graph, outPath, seconds, provenance));
        return ExitCodes.Success;
    }

    /// <summary>The verb's options.</summary>
    private sealed class Declared
    {
        public Option<string> Model { get; } = new("--model", "-m") { Description = "Weights file (.safetensors), LocalSpec's or PyTorch's", Required = true };
        public Option<string?> Arch { get; } = new("--arch") { Description = "Architecture for a file without LocalSpec metadata: a preset (mlp, cnn, vgg-cifar; needs --dataset for its input shape) or a JSON file" };
        public Option<string> Kind { get; } = new("--kind") { Description = "weights: |W| and kernel-slice norms; activations: squared Spearman correlations over training examples", Required = true };
        public Option<string?> Dataset { get; } = new("--dataset") { Description = "Data set whose training split the activation graph samples (required for activations)" };
        public Option<string?> Norm { get; } = new("--kernel-norm") { Description = "Conv-to-conv edge of a weight graph: l1 (entry-wise, the paper; default) or induced (the authors' code)" };
        public Option<int> Examples { get; } = new("--examples") { Description = "Activation graphs: at most this many training examples", DefaultValueFactory = _ => 5000 };
        public Option<ulong> Seed { get; } = new("--seed") { Description = "Activation graphs: seed of the example sample", DefaultValueFactory = _ => 0 };
        public Option<string> Output { get; } = new("--out", "-o") { Description = "Graph file to write (.safetensors); a .json with the layer and node tables goes beside it", Required = true };
        public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "No progress display" };

        public IEnumerable<Option> All => [Model, Arch, Kind, Dataset, Norm, Examples, Seed, Output, Quiet];
    }

    /// <summary>Errors about the network (unsupported layers, non-finite parameters) name the model file.</summary>
    private static NeuronGraph Named(string path, Func<NeuronGraph> build)
    {
        try
        {
            return build();
        }
        catch (ArchitectureException e)
        {
            throw new ArchitectureException($"{path}: {e.Message}", e);
        }
        catch (ModelFileException e)
        {
            throw new ModelFileException($"{path}: {e.Message}", e);
        }
    }

    private static string Summary(NeuronGraph graph, string path, double seconds, GraphProvenance provenance)
    {
        int n = graph.NodeCount;
        long edges = 0;
        for (int i = 0; i < n; i++)
            foreach (float v in graph.Adjacency.AsSpan(i * n + i + 1, n - i - 1))
                if (v > 0) edges++;
        string kind = graph.Kind == GraphKind.Weights ? "weight" : "activation";
        string examples = provenance.Examples is { } e ? $" over {e.Count:N0} training examples" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"wrote {path} · {kind} graph{examples} · {n:N0} nodes in {graph.Layers.Count} layers · {edges:N0} edges · {graph.Dead.Count(d => d):N0} dead units · {seconds:F2} s");
    }

    /// <summary>A live bar on stderr for the activation pass when stderr is a terminal; nothing otherwise.</summary>
    private static class ActivationProgress
    {
        public static NeuronGraph Run(Func<IProgress<ActivationGraphProgress>?, NeuronGraph> build, TextWriter error, bool quiet)
        {
            if (quiet || LiveConsole.For(error) is not { } console) return build(null);
            return LiveConsole.Progress(console)
                .AutoClear(true)
                .Start(ctx =>
                {
                    var task = ctx.AddTask("forward passes", maxValue: 1);
                    var graph = build(new Callback(p =>
                    {
                        task.Description = p.Stage == ActivationGraphStage.Forward
                            ? string.Create(CultureInfo.InvariantCulture, $"forward passes ({p.Done:N0}/{p.Total:N0} examples)")
                            : "ranks and correlations";
                        task.Value = p.Stage == ActivationGraphStage.Forward ? 0.9 * p.Done / Math.Max(1, p.Total) : 0.9 + 0.1 * p.Done / p.Total;
                    }));
                    task.Value = 1;
                    return graph;
                });
        }

        /// <summary>Reports synchronously on the building thread (Progress&lt;T&gt; would post out of order).</summary>
        private sealed class Callback(Action<ActivationGraphProgress> report) : IProgress<ActivationGraphProgress>
        {
            public void Report(ActivationGraphProgress value) => report(value);
        }
    }
}
