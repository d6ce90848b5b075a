using System.Globalization;
using System.Text.Json.Nodes;
using LocalSpec.Graphs;
using LocalSpec.Partitioning;

namespace LocalSpec.Pipeline;

/// <summary>
/// The partition stage (METHOD.md §3–§5). A layer-scope partition reads the network-scope partition
/// of the same graph and k for its k_l, so it never repeats that clustering.
/// </summary>
internal static class PartitionStage
{
    /// <summary>2: the restart selection (<c>select</c>) is a key parameter and partition.json records it.</summary>
    public const int Version = 2;
    public const string Labels = "partition.json";

    /// <param name="network">The network-scope partition of the same graph and k (layer scope only).</param>
    public static StageDefinition Define(Manifest manifest, PartitionScope scope, int k, StageDefinition graph, StageDefinition? network)
    {
        if ((scope == PartitionScope.Layer) != (network is not null))
            throw new ArgumentException("a layer-scope partition needs the network-scope one, and only it does", nameof(network));
        var options = new SpectralClusteringOptions { K = k, Seed = manifest.Clustering.Seed, Restarts = manifest.Clustering.NInit,
            Selection = manifest.Clustering.Select };
        var parameters = new JsonObject
        {
            ["scope"] = StageParameters.Name(scope),
            ["k"] = k,
            ["n_init"] = options.Restarts,
            ["select"] = StageParameters.Name(options.Selection),
            ["seed"] = options.Seed,
            ["max_iterations"] = options.MaxIterations,
            ["tolerance"] = options.Tolerance,
        };
        int at = graph.Id.IndexOf('@');
        string kind = graph.Id[(graph.Id.IndexOf('/') + 1)..at], replicate = graph.Id[(at + 1)..];
        return new StageDefinition
        {
            Experiment = manifest.Name,
            ManifestPath = manifest.SourcePath,
            Position = manifest.Positions.Of("k"),
            Id = string.Create(CultureInfo.InvariantCulture, $"partition/{kind}/{StageParameters.Name(scope)}/k{k}@{replicate}"),
            Kind = StageKinds.Partition,
            FormatVersion = Version,
            Parameters = parameters,
            Upstream = network is null ? [graph] : [graph, network],
            Weight = 1,
            Execute = context =>
            {
                NeuronGraph g = GraphFile.Load(context.Inputs[graph.Id].PathOf(GraphStage.Adjacency));
                var progress = new Progress(context);
                Partition p = network is null
                    ? Partitioner.Network(g, options, progress, context.Cancellation)
                    : Partitioner.Layer(g, options, PartitionFile.Load(context.Inputs[network.Id].PathOf(Labels)), progress, context.Cancellation);
                PartitionFile.Save(context.OutputPath(Labels), p);
            },
        };
    }

    private sealed class Progress(StageContext context) : IProgress<PartitionProgress>
    {
        public void Report(PartitionProgress p) => context.Progress(
            (p.Completed + (p.Step == SpectralClusteringStep.KMeans ? 0.5 : 0)) / Math.Max(1, p.Total),
            string.Create(CultureInfo.InvariantCulture, $"{p.Clustering}: {(p.Step == SpectralClusteringStep.Embedding ? "eigenvectors" : "k-means")}"));
    }
}
