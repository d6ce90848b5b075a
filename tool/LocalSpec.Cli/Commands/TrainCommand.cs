using System.CommandLine;
using System.Globalization;
using LocalSpec.Nn;

namespace LocalSpec.Cli.Commands;

/// <summary><c>localspec train --dataset D --arch A [--epochs N] [--batch-size B] [--lr X] [--l2 X] [--seed S] --out model.safetensors</c>.</summary>
public static class TrainCommand
{
    public static Command Build()
    {
        var dataset = new Option<string>("--dataset") { Description = "Data set to train on (see 'localspec data list')", Required = true };
        var arch = new Option<string>("--arch") { Description = "Network: a preset (mlp, cnn, vgg-cifar) or an architecture JSON file", Required = true };
        var epochs = new Option<int?>("--epochs") { Description = "Passes over the training set (default: the preset's, METHOD.md §1; 10 otherwise)" };
        var batch = new Option<int?>("--batch-size") { Description = "Mini-batch size (default: the preset's; 128 otherwise)" };
        var lr = new Option<double>("--lr") { Description = "Adam learning rate", DefaultValueFactory = _ => 1e-3 };
        var l2 = new Option<double?>("--l2") { Description = "L2 weight decay λ on dense/conv weights (loss += λΣw²; default: the preset's)" };
        var seed = new Option<ulong>("--seed") { Description = "Seed of every random choice (init, shuffling, dropout)", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--out", "-o") { Description = "Weights file to write (.safetensors); a .json sidecar with the training record goes beside it", Required = true };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress display" };

        OptionRules.AtLeast(epochs, 1);
        OptionRules.AtLeast(batch, 1);
        OptionRules.Positive(lr);
        OptionRules.NonNegative(l2);

        var command = new Command("train", "Train a network and write its weights as safetensors (PyTorch names and layouts)");
        foreach (Option o in new Option[] { dataset, arch, epochs, batch, lr, l2, seed, output, quiet }) command.Options.Add(o);
        command.SetAction((parse, cancel) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var output1 = parse.InvocationConfiguration.Output;
            CommandSupport.Banner(error);
            string archName = parse.GetValue(arch)!;
            var data = CommandSupport.LoadDataset(parse.GetValue(dataset)!, error);
            var spec = CommandSupport.ResolveArchitecture(archName, data);
            var defaults = Presets.Names.Contains(archName) ? Presets.TrainingDefaults(archName) : new TrainingOptions { Epochs = 10 };
            var options = defaults with
            {
                Epochs = parse.GetValue(epochs) ?? defaults.Epochs,
                BatchSize = parse.GetValue(batch) ?? defaults.BatchSize,
                Seed = parse.GetValue(seed),
                Adam = defaults.Adam with { LearningRate = parse.GetValue(lr), L2 = parse.GetValue(l2) ?? defaults.Adam.L2 },
            };
            string path = parse.GetValue(output)!;
            var run = new TrainingRun(data, spec, options, archName);
            var result = TrainingDisplay.Run(progress => run.Train(progress, cancel), error, parse.GetValue(quiet));
            run.Save(path, result, Numerics.Blas.Current.Description);
            double? acc = result.FinalTestAccuracy;
            output1.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wrote {path} · test accuracy {(acc is double a ? $"{100 * a:F2} %" : "n/a")} on {data.Name} ({data.Test.Count} examples)"));
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }
}
