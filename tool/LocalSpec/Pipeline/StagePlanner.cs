using LocalSpec.Data;
using LocalSpec.Graphs;
using LocalSpec.Nn;
using LocalSpec.Partitioning;

namespace LocalSpec.Pipeline;

/// <summary>
/// Expands a manifest into its stage instances (issue 6, point 2): train (or model) × replicate →
/// graph × kind → partition × scope × k → measure × proxy family → stats per partitioning → report.
/// The data set is loaded here because its content hashes are part of the train key.
/// </summary>
public static class StagePlanner
{
    public static ExperimentPlan Build(Manifest manifest, PipelineEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(environment);
        Dataset data;
        try
        {
            data = environment.Dataset(manifest.Dataset);
        }
        catch (DataException e)
        {
            throw new PipelineException([manifest.DiagnosticAt("dataset", DiagnosticCodes.DataUnavailable, $"dataset {manifest.Dataset}: {e.Message}")]);
        }
        ArchitectureSpec spec = Architecture(manifest, data);
        var stages = new List<StageDefinition>();
        int replicates = manifest.Models.Count > 0 ? manifest.Models.Count : manifest.Training.Replicates;
        var statsInputs = new Dictionary<(GraphKind, PartitionScope, int), List<StageDefinition>>();
        for (int r = 0; r < replicates; r++)
        {
            var model = manifest.Models.Count > 0
                ? ModelStage.Define(manifest, data, spec, r, manifest.Models[r])
                : TrainStage.Define(manifest, data, spec, r);
            stages.Add(model);
            foreach (var kind in manifest.Graphs)
            {
                var graph = GraphStage.Define(manifest, kind, model);
                stages.Add(graph);
                foreach (int k in manifest.K)
                {
                    var network = PartitionStage.Define(manifest, PartitionScope.Network, k, graph, null);
                    stages.Add(network);
                    foreach (var scope in manifest.Scopes)
                    {
                        var partition = scope == PartitionScope.Network ? network : PartitionStage.Define(manifest, scope, k, graph, network);
                        if (scope != PartitionScope.Network) stages.Add(partition);
                        foreach (var family in MeasurementStage.Families(manifest))
                        {
                            var measure = MeasurementStage.Define(manifest, family, partition, model);
                            stages.Add(measure);
                            var key = (kind, scope, k);
                            if (!statsInputs.TryGetValue(key, out var list)) statsInputs[key] = list = [];
                            list.Add(measure);
                        }
                    }
                }
            }
        }
        var stats = statsInputs.Select(p => StatsStage.Define(manifest, p.Key.Item1, p.Key.Item2, p.Key.Item3, p.Value)).ToList();
        stages.AddRange(stats);
        stages.Add(ReportStage.Define(manifest, stats, stages.Where(s => s.Kind == StageKinds.Measure).ToList(), environment.TemplatesDirectory));
        return new ExperimentPlan(manifest, stages);
    }

    /// <summary>The manifest's network: a preset sized for the data set, or an architecture JSON file.</summary>
    public static ArchitectureSpec Architecture(Manifest manifest, Dataset data)
    {
        if (manifest.Network.IsPreset)
            return Presets.Create(manifest.Network.Arch, [data.Train.Channels, data.Train.Height, data.Train.Width], data.Classes);
        try
        {
            return ArchitectureSpec.Parse(File.ReadAllText(manifest.Network.Arch));
        }
        catch (Exception e) when (e is ArchitectureException or IOException)
        {
            throw new PipelineException([manifest.DiagnosticAt("network.arch", DiagnosticCodes.StageFailed,
                $"network.arch: {manifest.Network.Arch}: {e.Message}")]);
        }
    }
}
