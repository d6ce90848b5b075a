using System.Globalization;
using System.Text.Json.Nodes;
using LocalSpec.Data;
using LocalSpec.Nn;

namespace LocalSpec.Pipeline;

/// <summary>The train stage (METHOD.md §1): one replicate of the manifest's network trained with seed = training.seed + r.</summary>
internal static class TrainStage
{
    public const int Version = 1;
    public const string Weights = "model.safetensors";
    public const string Record = "model.json";

    public static StageDefinition Define(Manifest manifest, Dataset data, ArchitectureSpec spec, int replicate)
    {
        var t = manifest.Training;
        var defaults = manifest.Network.IsPreset ? Presets.TrainingDefaults(manifest.Network.Arch) : new TrainingOptions();
        var options = defaults with
        {
            Epochs = t.Epochs,
            BatchSize = t.BatchSize,
            Seed = t.Seed + (ulong)replicate,
            Adam = defaults.Adam with { LearningRate = t.Lr },
        };
        var parameters = new JsonObject
        {
            ["dataset"] = StageParameters.Dataset(data),
            ["architecture"] = JsonNode.Parse(spec.ToJson()),
            ["epochs"] = options.Epochs,
            ["batch_size"] = options.BatchSize,
            ["lr"] = options.Adam.LearningRate,
            ["l2"] = options.Adam.L2,
            ["adam"] = new JsonObject { ["beta1"] = options.Adam.Beta1, ["beta2"] = options.Adam.Beta2, ["epsilon"] = options.Adam.Epsilon },
            ["seed"] = options.Seed,
        };
        string label = manifest.Network.IsPreset ? manifest.Network.Arch : Path.GetFileName(manifest.Network.Arch);
        return new StageDefinition
        {
            Experiment = manifest.Name,
            ManifestPath = manifest.SourcePath,
            Position = manifest.Positions.Of("training"),
            Id = string.Create(CultureInfo.InvariantCulture, $"train@{StageParameters.Replicate(replicate)}"),
            Kind = StageKinds.Train,
            FormatVersion = Version,
            Parameters = parameters,
            VolatileOutputs = new HashSet<string> { Record },
            Weight = options.Epochs,
            Execute = context =>
            {
                var run = new TrainingRun(context.Environment.Dataset(data.Name), spec, options, label);
                var result = run.Train(new Progress(context), context.Cancellation);
                run.Save(context.OutputPath(Weights), result, Numerics.Blas.Current.Description);
            },
        };
    }

    private sealed class Progress(StageContext context) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress p) => context.Progress(
            ((p.Epoch - 1) + (double)p.Batch / Math.Max(1, p.Batches)) / Math.Max(1, p.Epochs),
            string.Create(CultureInfo.InvariantCulture, $"epoch {p.Epoch}/{p.Epochs} · loss {p.RunningLoss:F3} · acc {100 * p.RunningAccuracy:F1} %"));
    }
}
