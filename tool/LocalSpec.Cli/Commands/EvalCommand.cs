using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using LocalSpec.Nn;

namespace LocalSpec.Cli.Commands;

/// <summary><c>localspec eval --model M --dataset D [--arch A] [--json]</c>: test accuracy of a weights file.</summary>
public static class EvalCommand
{
    public static Command Build()
    {
        var model = new Option<string>("--model", "-m") { Description = "Weights file (.safetensors), LocalSpec's or PyTorch's", Required = true };
        var dataset = new Option<string>("--dataset") { Description = "Data set whose test split to evaluate on", Required = true };
        var arch = new Option<string?>("--arch") { Description = "Architecture for a file without LocalSpec metadata: a preset (mlp, cnn, vgg-cifar) or a JSON file" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object ({\"accuracy\", \"n\", \"correct\", ...})" };
        var batch = new Option<int>("--batch-size") { Description = "Evaluation batch size", DefaultValueFactory = _ => 256 };

        OptionRules.AtLeast(batch, 1);

        var command = new Command("eval", "Evaluate a network's accuracy on a data set's test split");
        foreach (Option o in new Option[] { model, dataset, arch, json, batch }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            string path = parse.GetValue(model)!;
            if (!File.Exists(path)) throw new FileNotFoundException($"{path}: file not found", path);
            CommandSupport.Banner(error);
            var data = CommandSupport.LoadDataset(parse.GetValue(dataset)!, error);
            string? archName = parse.GetValue(arch);
            var network = ModelFile.Load(path, archName is null ? null : CommandSupport.ResolveArchitecture(archName, data));
            CommandSupport.CheckFits(network, data, path);
            var test = data.Test;
            int[] predictions = Evaluator.Predict(network, test.Pixels, test.Count, parse.GetValue(batch));
            int correct = predictions.Where((p, i) => p == test.Labels[i]).Count();
            double accuracy = test.Count == 0 ? 0 : (double)correct / test.Count;
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["accuracy"] = accuracy,
                    ["n"] = test.Count,
                    ["correct"] = correct,
                    ["dataset"] = data.Name,
                    ["model"] = path,
                }));
            }
            else
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"test accuracy {100 * accuracy:F2} % ({correct}/{test.Count}) on {data.Name}"));
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
