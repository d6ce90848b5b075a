using System.Globalization;
using System.Text.Json.Nodes;
using LocalSpec.Graphs;
using LocalSpec.Nn;

namespace LocalSpec.Pipeline;

/// <summary>The graph stage (METHOD.md §2): the weight or activation graph of one replicate's network.</summary>
internal static class GraphStage
{
    public const int Version = 1;
    public const string Adjacency = "graph.safetensors";

    public static StageDefinition Define(Manifest manifest, GraphKind kind, StageDefinition model)
    {
        var g = manifest.Graph;
        var parameters = new JsonObject { ["kind"] = StageParameters.Name(kind) };
        if (kind == GraphKind.Weights) parameters["kernel_norm"] = StageParameters.Name(g.KernelNorm);
        else
        {
            parameters["examples"] = g.ActivationSamples;
            parameters["seed"] = g.Seed;
        }
        string replicate = model.Id[(model.Id.IndexOf('@') + 1)..];
        return new StageDefinition
        {
            Experiment = manifest.Name,
            ManifestPath = manifest.SourcePath,
            Position = manifest.Positions.Of("graphs"),
            Id = string.Create(CultureInfo.InvariantCulture, $"graph/{StageParameters.Name(kind)}@{replicate}"),
            Kind = StageKinds.Graph,
            FormatVersion = Version,
            Parameters = parameters,
            Upstream = [model],
            Weight = kind == GraphKind.Weights ? 0.05 : 1,
            Execute = context =>
            {
                var weights = context.Inputs[model.Id];
                var network = ModelFile.Load(weights.PathOf(TrainStage.Weights));
                string modelSha = weights.Files[TrainStage.Weights].Sha256;
                NeuronGraph graph;
                GraphProvenance provenance;
                if (kind == GraphKind.Weights)
                {
                    var options = new WeightGraphOptions { KernelNorm = g.KernelNorm };
                    graph = WeightGraph.Build(network, options);
                    provenance = GraphProvenance.ForWeights(modelSha, options);
                }
                else
                {
                    var data = context.Environment.Dataset(manifest.Dataset);
                    var options = new ActivationGraphOptions { MaxExamples = g.ActivationSamples, Seed = g.Seed };
                    graph = ActivationGraph.Build(network, data.Train, options, new Progress(context), context.Cancellation);
                    provenance = GraphProvenance.ForActivations(modelSha, data.Name, data.Train.Count, options);
                }
                GraphFile.Save(graph, context.OutputPath(Adjacency), provenance);
            },
        };
    }

    private sealed class Progress(StageContext context) : IProgress<ActivationGraphProgress>
    {
        public void Report(ActivationGraphProgress p) => context.Progress(
            p.Stage == ActivationGraphStage.Forward ? 0.9 * p.Done / Math.Max(1, p.Total) : 0.9 + 0.1 * p.Done / Math.Max(1, p.Total),
            p.Stage == ActivationGraphStage.Forward ? "forward passes" : "ranks and correlations");
    }
}
