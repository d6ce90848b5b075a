using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using LocalSpec.Graphs;
using LocalSpec.Nn;
using LocalSpec.Partitioning;

namespace LocalSpec.Cli.Commands;

/// <summary>
/// <c>localspec clusterability --model M [--arch A --dataset D] [--shuffles N] [--k 16] [--seed S] [--json]</c>:
/// the n-cut of the network's weight graph against weight-shuffled copies (METHOD.md §8).
/// </summary>
public static class ClusterabilityCommand
{
    public static Command Build()
    {
        var model = new Option<string>("--model", "-m") { Description = "Weights file (.safetensors), LocalSpec's or PyTorch's", Required = true };
        var arch = new Option<string?>("--arch") { Description = "Architecture for a file without LocalSpec metadata: a preset (needs --dataset) or a JSON file" };
        var dataset = new Option<string?>("--dataset") { Description = "Data set that sizes a preset --arch (image shape and classes)" };
        var shuffles = new Option<int?>("--shuffles") { Description = "Shuffled networks to compare with (default: 200 for an MLP, 120 for a CNN)" };
        var k = new Option<int>("--k") { Description = "Clusters", DefaultValueFactory = _ => 16 };
        var restarts = new Option<int>("--n-init") { Description = "k-means restarts per clustering", DefaultValueFactory = _ => 25 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the shuffles and of k-means", DefaultValueFactory = _ => 0 };
        var kernelNorm = new Option<string>("--kernel-norm") { Description = "Conv-to-conv edges: l1 (the paper) or induced (the authors' code)", DefaultValueFactory = _ => "l1" };
        kernelNorm.AcceptOnlyFromAmong("l1", "induced");
        var json = new Option<bool>("--json") { Description = "Print one JSON object with the n-cuts, percentile and z-score" };
        OptionRules.AtLeast(shuffles, 1);
        OptionRules.AtLeast(k, 2);
        OptionRules.AtLeast(restarts, 1);

        var command = new Command("clusterability", "Is the network more clusterable than its weight-shuffled copies? (n-cut percentile and z-score)");
        foreach (Option o in new Option[] { model, arch, dataset, shuffles, k, restarts, seed, kernelNorm, json }) command.Options.Add(o);
        command.Validators.Add(r =>
        {
            if (r.GetValue(arch) is { } a && Presets.Names.Contains(a) && r.GetValue(dataset) is null)
                r.AddError($"--arch {a} needs --dataset to size the preset (image shape and class count)");
        });
        command.SetAction((parse, cancel) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            string path = parse.GetValue(model)!;
            if (!File.Exists(path)) throw new FileNotFoundException($"{path}: file not found", path);
            CommandSupport.Banner(error);
            string? archName = parse.GetValue(arch);
            string? dataName = parse.GetValue(dataset);
            ArchitectureSpec? spec = archName is null ? null
                : Presets.Names.Contains(archName) ? CommandSupport.ResolveArchitecture(archName, CommandSupport.LoadDataset(dataName!, error))
                : ArchitectureSpec.Parse(File.ReadAllText(archName));
            var network = ModelFile.Load(path, spec);
            var options = new ClusterabilityOptions
            {
                Shuffles = parse.GetValue(shuffles) ?? ClusterabilityOptions.DefaultShuffles(network),
                Seed = parse.GetValue(seed),
                Clustering = new SpectralClusteringOptions { K = parse.GetValue(k), Seed = parse.GetValue(seed), Restarts = parse.GetValue(restarts) },
                Graph = new WeightGraphOptions { KernelNorm = parse.GetValue(kernelNorm) == "induced" ? KernelNorm.Induced : KernelNorm.L1 },
            };
            int total = options.Shuffles;
            var result = Clusterability.Measure(network, options,
                new Callback(done => { if (done % Math.Max(1, total / 10) == 0 || done == total) error.WriteLine($"localspec: {done}/{total} shuffles"); }), cancel);
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["ncut"] = result.NCut,
                    ["shuffled_ncut_mean"] = result.ShuffledNCuts.Average(),
                    ["percentile"] = result.Percentile,
                    ["z_score"] = double.IsFinite(result.ZScore) ? result.ZScore : 0,
                    ["shuffles"] = result.ShuffledNCuts.Count,
                    ["shuffled_ncuts"] = result.ShuffledNCuts,
                }));
            }
            else
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"n-cut {result.NCut:F4} vs shuffled {result.ShuffledNCuts.Average():F4} (min {result.ShuffledNCuts.Min():F4}) over {result.ShuffledNCuts.Count} shuffles · percentile {result.Percentile:F4} · z {result.ZScore:F2}"));
            }
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private sealed class Callback(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
