using System.CommandLine;
using System.Globalization;
using LocalSpec.Data;
using LocalSpec.Measures;
using LocalSpec.Nn;
using LocalSpec.Nn.Safetensors;
using LocalSpec.Partitioning;
using LocalSpec.Reporting;

namespace LocalSpec.Cli.Commands;

/// <summary>
/// <c>localspec measure --model M --partition P [--proxies lesion,featvis] [--random 19] [--seed S]
/// [--accuracy overall|balanced] [--featvis-steps 100] [--images DIR] [--arch A] [--dataset D] --out measurements.json</c>:
/// every analysable subcluster of a partition and its random controls, lesioned and visualized (METHOD.md §5–§6).
/// </summary>
public static class MeasureCommand
{
    /// <summary>The metadata key under which <c>localspec train</c> records the data set of a weights file.</summary>
    public const string DatasetMetadataKey = "localspec.dataset";

    public static Command Build()
    {
        var o = new Declared();
        o.Accuracy.AcceptOnlyFromAmong("overall", "balanced");
        OptionRules.AtLeast(o.Random, 1);
        OptionRules.AtLeast(o.Steps, 1);
        o.Proxies.Validators.Add(r =>
        {
            try
            {
                MeasureProxies.Parse(r.GetValue(o.Proxies)!);
            }
            catch (ArgumentException e)
            {
                r.AddError($"--proxies: {e.Message.Replace(" (Parameter 'list')", "")}");
            }
        });

        var command = new Command("measure", "Lesion and visualize every analysable subcluster of a partition and its random controls; write measurements.json");
        foreach (Option option in o.All) command.Options.Add(option);
        command.Validators.Add(r =>
        {
            if (r.GetValue(o.Arch) is { } a && Presets.Names.Contains(a) && r.GetValue(o.Dataset) is null && !ModelHasDataset(r.GetValue(o.Model)))
                r.AddError($"--arch {a} needs --dataset to size the preset (image shape and class count)");
            if (r.GetValue(o.Images) is not null && r.GetValue(o.Proxies) is { } p && Parses(p)
                && !MeasureProxies.Parse(p).Any(x => MeasureProxies.Family(x) == MeasureProxyFamily.FeatureVis))
                r.AddError("--images needs a featvis proxy in --proxies");
        });
        command.SetAction((parse, cancel) => Task.FromResult(Run(parse, o, cancel)));
        return command;
    }

    private static int Run(ParseResult parse, Declared o, CancellationToken cancel)
    {
        var error = parse.InvocationConfiguration.Error;
        string modelPath = parse.GetValue(o.Model)!, partitionPath = parse.GetValue(o.Partition)!, outPath = parse.GetValue(o.Output)!;
        foreach (string input in new[] { modelPath, partitionPath })
            if (!File.Exists(input)) throw new FileNotFoundException($"{input}: file not found", input);
        CommandSupport.Banner(error);
        var partition = PartitionFile.Load(partitionPath);
        string datasetName = parse.GetValue(o.Dataset) ?? RecordedDataset(modelPath)
            ?? throw new ModelFileException($"{modelPath}: no data set recorded in its metadata (not written by 'localspec train'?); say which test split to measure on with --dataset");
        var data = CommandSupport.LoadDataset(datasetName, error);
        string? archName = parse.GetValue(o.Arch);
        var network = ModelFile.Load(modelPath, archName is null ? null : CommandSupport.ResolveArchitecture(archName, data));
        CommandSupport.CheckFits(network, data, modelPath);
        Measurement.CheckFits(network, partition, partitionPath, modelPath);

        var options = new MeasureOptions
        {
            Proxies = MeasureProxies.Parse(parse.GetValue(o.Proxies)!),
            RandomSubclusters = parse.GetValue(o.Random),
            Seed = parse.GetValue(o.Seed),
            Lesion = new LesionOptions { Accuracy = parse.GetValue(o.Accuracy) == "balanced" ? LesionAccuracy.Balanced : LesionAccuracy.Overall },
            FeatureVis = new FeatureVisOptions { Steps = parse.GetValue(o.Steps) },
            Sources = new MeasurementSources(FileHashing.Sha256Hex(modelPath), FileHashing.Sha256Hex(partitionPath), data.Name),
            KeepImages = parse.GetValue(o.Images) is not null,
        };
        var result = MeasureDisplay.Run(progress => Measurement.Run(network, partition, data.Test, options, progress, cancel), error, parse.GetValue(o.Quiet));
        MeasurementsFile.Save(outPath, result.Document);
        var written = new List<string> { outPath };
        if (parse.GetValue(o.Images) is { } directory)
        {
            Directory.CreateDirectory(directory);
            foreach (var figure in result.Figures)
            {
                string png = Path.Combine(directory, figure.FileName);
                PngWriter.Write(png, PngGrid.Compose(figure.Cells, figure.ImageShape));
                written.Add(png);
            }
        }
        parse.InvocationConfiguration.Output.WriteLine(Summary(result, written));
        return ExitCodes.Success;
    }

    /// <summary>The data set <c>localspec train</c> recorded in the weights file, or null.</summary>
    private static string? RecordedDataset(string modelPath) =>
        SafetensorsFile.Read(modelPath).Metadata.TryGetValue(DatasetMetadataKey, out string? name) && name.Length > 0 ? name : null;

    private static bool ModelHasDataset(string? modelPath)
    {
        try
        {
            return modelPath is not null && File.Exists(modelPath) && RecordedDataset(modelPath) is not null;
        }
        catch (SafetensorsFormatException)
        {
            return false; // reported when the model is loaded
        }
    }

    private static bool Parses(string proxies)
    {
        try
        {
            MeasureProxies.Parse(proxies);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string Summary(MeasurementResult result, List<string> written)
    {
        var d = result.Document;
        int subclusters = d.Controls?.Count ?? 0;
        var parts = new List<string>
        {
            $"wrote {string.Join(", ", written.Take(2))}{(written.Count > 2 ? $" and {written.Count - 2} more" : "")}",
            $"{string.Join(", ", d.Proxies.Keys)}",
            $"{subclusters} subclusters × {d.RandomSubclusters} random controls",
        };
        if (d.Lesion is { } lesion)
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"intact accuracy {100 * lesion.IntactAccuracy:F2} % · lesions {result.LesionTime.TotalSeconds:F2} s"));
        if (d.FeatureVis is not null)
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"feature visualization {result.FeatureVisTime.TotalSeconds:F2} s"));
        return string.Join(" · ", parts);
    }

    /// <summary>The verb's options.</summary>
    private sealed class Declared
    {
        public Option<string> Model { get; } = new("--model", "-m") { Description = "Weights file (.safetensors), LocalSpec's or PyTorch's", Required = true };
        public Option<string> Partition { get; } = new("--partition", "-p") { Description = "Partition of that model's neurons (partition.json from the partition stage)", Required = true };
        public Option<string> Proxies { get; } = new("--proxies") { Description = $"Proxies to measure, comma-separated: families or names ({MeasureProxies.Choices})", DefaultValueFactory = _ => "lesion,featvis" };
        public Option<int> Random { get; } = new("--random") { Description = "Random controls per subcluster (random_subclusters)", DefaultValueFactory = _ => RandomControls.DefaultCount };
        public Option<ulong> Seed { get; } = new("--seed") { Description = "Seed of the random controls and the feature visualizations", DefaultValueFactory = _ => 0 };
        public Option<string> Accuracy { get; } = new("--accuracy") { Description = "Accuracy behind lesion.acc_drop: overall (the paper) or balanced (mean of class accuracies, the authors' code)", DefaultValueFactory = _ => "overall" };
        public Option<int> Steps { get; } = new("--featvis-steps") { Description = "Adam steps of each feature visualization", DefaultValueFactory = _ => 100 };
        public Option<string?> Images { get; } = new("--images") { Description = "Directory for the feature visualizations: one PNG per layer, a row per subcluster (true image, then its controls)" };
        public Option<string?> Arch { get; } = new("--arch") { Description = "Architecture for a file without LocalSpec metadata: a preset (mlp, cnn, vgg-cifar) or a JSON file" };
        public Option<string?> Dataset { get; } = new("--dataset") { Description = "Data set whose test split the lesions are scored on (default: the one recorded in the model by 'localspec train')" };
        public Option<string> Output { get; } = new("--out", "-o") { Description = "Measurements file to write (measurements.json)", Required = true };
        public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "No progress display" };

        public IEnumerable<Option> All => [Model, Partition, Proxies, Random, Seed, Accuracy, Steps, Images, Arch, Dataset, Output, Quiet];
    }
}
