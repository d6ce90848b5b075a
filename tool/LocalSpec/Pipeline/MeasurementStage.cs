using System.Globalization;
using System.Text.Json.Nodes;
using LocalSpec.Measures;
using LocalSpec.Nn;
using LocalSpec.Partitioning;
using LocalSpec.Reporting;

namespace LocalSpec.Pipeline;

/// <summary>
/// The measure stage (METHOD.md §5–§6) for one proxy family of one partition: every analysable
/// subcluster against its random controls, on the test set. Lesions and feature visualizations are
/// separate instances, so adding featvis proxies never reruns the lesions.
/// </summary>
internal static class MeasurementStage
{
    /// <summary>Format (and arithmetic) version of the lesion instances.</summary>
    public const int Version = 1;

    /// <summary>
    /// Of the feature-visualization instances: 2 since each request runs with a one-thread managed
    /// GEMM (values no longer follow the process's BLAS), so stores built before recompute them.
    /// </summary>
    public const int FeatureVisVersion = 2;
    public const string Values = "measurements.json";

    /// <summary>The proxy families the manifest asks for, in pipeline order.</summary>
    public static IReadOnlyList<MeasureProxyFamily> Families(Manifest manifest) =>
        [.. Proxies(manifest).Select(MeasureProxies.Family).Distinct().Order()];

    private static IReadOnlyList<MeasureProxy> Proxies(Manifest manifest) =>
        [.. manifest.Measures.Proxies.Select(name => MeasureProxies.TryParse(name, out var p) ? p
            : throw new PipelineException([manifest.DiagnosticAt("measures.proxies", DiagnosticCodes.UnknownProxy, $"unknown proxy '{name}'")]))];

    public static string Name(MeasureProxyFamily family) => family == MeasureProxyFamily.Lesion ? MeasureProxies.LesionFamily : MeasureProxies.FeatureVisFamily;

    public static StageDefinition Define(Manifest manifest, MeasureProxyFamily family, StageDefinition partition, StageDefinition model)
    {
        var m = manifest.Measures;
        var proxies = Proxies(manifest).Where(p => MeasureProxies.Family(p) == family).ToArray();
        var parameters = new JsonObject
        {
            ["family"] = Name(family),
            ["proxies"] = new JsonArray([.. proxies.Select(p => (JsonNode)MeasureProxies.Name(p))]),
            ["random_subclusters"] = m.RandomSubclusters,
            ["seed"] = m.Seed,
        };
        var lesion = new LesionOptions { Accuracy = m.Accuracy };
        var featvis = new FeatureVisOptions { Steps = m.FeatureVis.Steps, LearningRate = m.FeatureVis.Lr, Jitter = m.FeatureVis.Jitter };
        if (family == MeasureProxyFamily.Lesion) parameters["accuracy"] = m.Accuracy == LesionAccuracy.Overall ? "overall" : "balanced";
        else parameters["featvis"] = new JsonObject { ["steps"] = featvis.Steps, ["lr"] = featvis.LearningRate, ["jitter"] = featvis.Jitter, ["init_std"] = featvis.InitStd };
        string suffix = partition.Id[(partition.Id.IndexOf('/') + 1)..];
        int at = suffix.IndexOf('@');
        return new StageDefinition
        {
            Experiment = manifest.Name,
            ManifestPath = manifest.SourcePath,
            Position = manifest.Positions.Of("measures"),
            Id = string.Create(CultureInfo.InvariantCulture, $"measure/{suffix[..at]}/{Name(family)}{suffix[at..]}"),
            Kind = StageKinds.Measure,
            FormatVersion = family == MeasureProxyFamily.Lesion ? Version : FeatureVisVersion,
            Parameters = parameters,
            Upstream = [partition, model],
            Weight = family == MeasureProxyFamily.Lesion ? 2 : 4,
            Execute = context =>
            {
                var weights = context.Inputs[model.Id];
                var labels = context.Inputs[partition.Id];
                var network = ModelFile.Load(weights.PathOf(TrainStage.Weights));
                var p = PartitionFile.Load(labels.PathOf(PartitionStage.Labels));
                var data = context.Environment.Dataset(manifest.Dataset);
                var options = new MeasureOptions
                {
                    Proxies = proxies,
                    RandomSubclusters = m.RandomSubclusters,
                    Seed = m.Seed,
                    Lesion = lesion,
                    FeatureVis = featvis,
                    Sources = new MeasurementSources(weights.Files[TrainStage.Weights].Sha256, labels.Files[PartitionStage.Labels].Sha256, data.Name),
                };
                var result = Measurement.Run(network, p, data.Test, options, new Progress(context), context.Cancellation);
                MeasurementsFile.Save(context.OutputPath(Values), result.Document);
                foreach (var figure in result.Figures)
                    PngWriter.Write(context.OutputPath(figure.FileName), PngGrid.Compose(figure.Cells, figure.ImageShape));
            },
        };
    }

    private sealed class Progress(StageContext context) : IProgress<MeasureProgress>
    {
        public void Report(MeasureProgress p) => context.Progress((double)p.Done / Math.Max(1, p.Total),
            string.Create(CultureInfo.InvariantCulture, $"{(p.Stage == MeasureStage.Lesions ? "lesions" : "feature visualization")} · layers.{p.Layer} · {p.Done}/{p.Total}"));
    }
}
