using System.Globalization;
using System.Text.Json.Nodes;
using LocalSpec.Data;
using LocalSpec.Nn;

namespace LocalSpec.Pipeline;

/// <summary>
/// A user's weights file (manifest <c>models:</c>, e.g. trained in PyTorch) taken in place of the
/// train stage: bound to the manifest's architecture, checked against the data set, and stored in
/// LocalSpec's own format so that every later stage reads one kind of file.
/// </summary>
internal static class ModelStage
{
    public const int Version = 1;

    public static StageDefinition Define(Manifest manifest, Dataset data, ArchitectureSpec spec, int replicate, string path) => new()
    {
        Experiment = manifest.Name,
        ManifestPath = manifest.SourcePath,
        Position = manifest.Positions.Of("models"),
        Id = string.Create(CultureInfo.InvariantCulture, $"model@{StageParameters.Replicate(replicate)}"),
        Kind = StageKinds.Model,
        FormatVersion = Version,
        Parameters = new JsonObject
        {
            ["architecture"] = JsonNode.Parse(spec.ToJson()),
            ["dataset"] = StageParameters.Dataset(data),
        },
        InputFiles = new Dictionary<string, string> { ["weights"] = path },
        Weight = 0.01,
        Execute = context =>
        {
            Network network;
            try
            {
                network = ModelFile.Load(path, ModelFile.ReadArchitecture(path) ?? spec);
            }
            catch (Exception e) when (e is ModelFileException or ArchitectureException or Nn.Safetensors.SafetensorsFormatException)
            {
                throw new PipelineException([manifest.DiagnosticAt("models", DiagnosticCodes.StageFailed, $"models: {path}: {e.Message}")]);
            }
            var images = data.Train;
            if (!network.InputShape.SequenceEqual([images.Channels, images.Height, images.Width]) || network.Layers[^1].OutputLength != data.Classes)
                throw new PipelineException([manifest.DiagnosticAt("models", DiagnosticCodes.StageFailed,
                    $"models: {path} takes inputs of shape {Tensor.Format([.. network.InputShape])} with {network.Layers[^1].OutputLength} outputs, but {data.Name} has images of shape {Tensor.Format([images.Channels, images.Height, images.Width])} and {data.Classes} classes")]);
            ModelFile.Save(network, context.OutputPath(TrainStage.Weights), new Dictionary<string, string>
            {
                ["localspec.dataset"] = data.Name,
                ["localspec.source"] = Path.GetFileName(path),
            });
        },
    };
}
