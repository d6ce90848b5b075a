using System.Diagnostics;
using LocalSpec.Data;
using LocalSpec.Graphs;
using LocalSpec.Nn;
using LocalSpec.Numerics;
using LocalSpec.Partitioning;

namespace LocalSpec.Measures;

/// <summary>
/// The measure stage (METHOD.md §5–§6): for every analysable subcluster of a partition, its random
/// controls and the requested proxies of the subcluster and of each control.
/// Controls: <see cref="RandomControls.Draw(Rng, int, int, IReadOnlyList{int}, int, int)"/> from
/// Rng(Seed) per (layer, cluster), over the layer's live units. Lesions: one
/// <see cref="LesionEngine.Evaluate"/> per layer holding every subcluster of the layer and its
/// controls. Feature visualizations: one <see cref="FeatureVisRequest"/> per subcluster
/// (id = cluster label) with the subcluster first and its controls after it. Every random stream
/// is keyed by (layer, cluster), so the same inputs and seed give the same document, byte for byte,
/// whatever the order of work or the feature visualizations' parallelism. The controls and the
/// lesion values are the same for any BLAS and thread count (lesion predictions are exact: near
/// ties are recomputed); the feature visualizations are float optimisations whose last bits follow
/// the BLAS: identical for the same provider and thread count (the managed BLAS: any thread count),
/// while OpenBLAS with another thread count moves them by about 1e-6 relative (measured on the mlp).
/// </summary>
public static class Measurement
{
    /// <summary>Measures <paramref name="partition"/>'s analysable subclusters of <paramref name="network"/>; lesions are scored on <paramref name="test"/>.</summary>
    /// <exception cref="MeasurementException">The partition does not fit the network (another model's?).</exception>
    /// <exception cref="ArgumentException">The options are invalid, or the test images do not fit the network.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (checked between layers and requests).</exception>
    public static MeasurementResult Run(Network network, Partition partition, LabeledImages test, MeasureOptions? options = null,
        IProgress<MeasureProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(partition);
        ArgumentNullException.ThrowIfNull(test);
        options ??= new MeasureOptions();
        options.Validate();
        CheckFits(network, partition);

        var controls = Controls(partition, options);
        var proxies = new SortedDictionary<string, ProxyMeasurements>(StringComparer.Ordinal);
        LesionBaseline? baseline = null;
        var lesionTime = TimeSpan.Zero;
        if (options.Measures(MeasureProxyFamily.Lesion))
        {
            var clock = Stopwatch.StartNew();
            var (outcomes, engine) = Lesions(network, test, controls, options, progress, cancellationToken);
            baseline = new LesionBaseline(options.Lesion.Accuracy, test.Count, engine.Baseline.Accuracy, engine.Baseline.BalancedAccuracy);
            Add(proxies, options, MeasureProxy.LesionAccDrop, controls, outcomes, o => o.AccDrop);
            Add(proxies, options, MeasureProxy.LesionClassRange, controls, outcomes, o => o.ClassRange);
            lesionTime = clock.Elapsed;
        }
        IReadOnlyList<FeatureVisFigure> figures = [];
        FeatureVisOptions? featvis = null;
        var featvisTime = TimeSpan.Zero;
        if (options.Measures(MeasureProxyFamily.FeatureVis))
        {
            var clock = Stopwatch.StartNew();
            featvis = options.FeatureVis with { Seed = options.Seed };
            var results = Visualizations(network, controls, featvis, progress, cancellationToken);
            Add(proxies, options, MeasureProxy.FeatureVisScore, controls, results, v => v.Score);
            Add(proxies, options, MeasureProxy.FeatureVisEntropy, controls, results, v => v.Entropy);
            if (options.KeepImages) figures = Figures(controls, results, [.. network.InputShape]);
            featvisTime = clock.Elapsed;
        }
        var document = new MeasurementsDocument(proxies)
        {
            Seed = options.Seed,
            RandomSubclusters = options.RandomSubclusters,
            Sources = options.Sources,
            Lesion = baseline,
            FeatureVis = featvis,
            Controls = controls,
        };
        return new MeasurementResult(document, figures, lesionTime, featvisTime);
    }

    /// <summary>
    /// Checks that every layer of <paramref name="partition"/> is a layer of <paramref name="network"/> with as
    /// many units, and that its hidden layers are dense or conv2d layers (what lesions and visualizations act on).
    /// </summary>
    /// <param name="partitionName">Names the partition in the message (its file).</param>
    /// <param name="networkName">Names the network in the message (its file).</param>
    /// <exception cref="MeasurementException">They do not fit; the message names both and the layer.</exception>
    public static void CheckFits(Network network, Partition partition, string partitionName = "the partition", string networkName = "the network")
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(partition);
        int count = network.ParameterLayerModules.Count;
        var seen = new HashSet<int>();
        foreach (var layer in partition.Layers)
        {
            int units = layer.Labels.Length, p = layer.ParameterLayer;
            if (!seen.Add(p)) throw Misfit(partitionName, networkName, layer, $"is layers.{p} again");
            if (p < 0)
            {
                // the input units of an MLP weight graph: the first dense layer's inputs
                int inputs = count == 0 ? -1 : network.Layers[network.ModuleOfParameterLayer(0)].InputLength;
                if (layer.Role == GraphLayerRole.Input && units == inputs) continue;
                throw Misfit(partitionName, networkName, layer, $"has {units} input units, but the network's layers.0 reads {inputs}");
            }
            if (p >= count) throw Misfit(partitionName, networkName, layer, $"is layers.{p}, but the network has only layers.0 … layers.{count - 1}");
            var module = network.Layers[network.ModuleOfParameterLayer(p)];
            if (module.Units != units) throw Misfit(partitionName, networkName, layer, $"has {units} units, but the network's layers.{p} has {module.Units}");
            if (layer.Role == GraphLayerRole.Hidden && module.Type is not (LayerType.Dense or LayerType.Conv2d))
                throw Misfit(partitionName, networkName, layer, $"is a hidden layer, but the network's layers.{p} is a {module.Spec.TypeName} layer");
        }
    }

    private static MeasurementException Misfit(string partition, string network, LayerPartition layer, string problem) =>
        new($"{partition} does not fit {network} (a partition of another model?): layer '{layer.Name}' {problem}");

    /// <summary>The analysable subclusters in layer and cluster order, each with its random controls.</summary>
    private static SubclusterControls[] Controls(Partition partition, MeasureOptions options)
    {
        var root = new Rng(options.Seed);
        var live = partition.Layers.Where(l => l.Role == GraphLayerRole.Hidden).ToDictionary(
            l => l.ParameterLayer,
            l => (IReadOnlyList<int>)[.. Enumerable.Range(0, l.Labels.Length).Except(l.Dead)]);
        return [.. Subclusters.Find(partition.Layers)
            .Where(s => s.Analysable)
            .OrderBy(s => s.Layer).ThenBy(s => s.Cluster)
            .Select(s => new SubclusterControls(s.Layer, s.Cluster, s.Units,
                RandomControls.Draw(root, s.Layer, s.Cluster, live[s.Layer], s.Units.Length, options.RandomSubclusters)))];
    }

    /// <summary>Per subcluster: the outcome of lesioning it, then of lesioning each control.</summary>
    private static (LesionOutcome[][] Outcomes, LesionEngine Engine) Lesions(Network network, LabeledImages test, SubclusterControls[] controls,
        MeasureOptions options, IProgress<MeasureProgress>? progress, CancellationToken cancellationToken)
    {
        var engine = LesionEngine.Create(network, test, options.Lesion);
        var outcomes = new LesionOutcome[controls.Length][];
        int done = 0;
        foreach (var layer in controls.Select((c, i) => (c.Layer, Index: i)).GroupBy(x => x.Layer))
        {
            cancellationToken.ThrowIfCancellationRequested();
            int[] members = [.. layer.Select(x => x.Index)];
            var sets = members.SelectMany(i => controls[i].RandomUnits.Prepend(controls[i].Units)).ToArray();
            var result = engine.Evaluate(layer.Key, sets);
            int stride = options.RandomSubclusters + 1;
            for (int m = 0; m < members.Length; m++)
                outcomes[members[m]] = [.. result.Outcomes.Skip(m * stride).Take(stride)];
            done += members.Length;
            progress?.Report(new MeasureProgress(MeasureStage.Lesions, done, controls.Length, layer.Key));
        }
        return (outcomes, engine);
    }

    /// <summary>Per subcluster: its visualization, then each control's.</summary>
    private static FeatureVisualization[][] Visualizations(Network network, SubclusterControls[] controls, FeatureVisOptions options,
        IProgress<MeasureProgress>? progress, CancellationToken cancellationToken)
    {
        var visualizer = new FeatureVisualizer(network, options);
        var requests = controls.Select(c => new FeatureVisRequest(c.Layer, [c.Units, .. c.RandomUnits], (ulong)c.Cluster)).ToArray();
        var results = new FeatureVisualization[controls.Length][];
        // chunks of MaxParallelism requests: as fast as one VisualizeAll call, with progress and cancellation between chunks
        int chunk = options.MaxParallelism;
        for (int start = 0; start < requests.Length; start += chunk)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int end = Math.Min(requests.Length, start + chunk);
            var done = visualizer.VisualizeAll(requests[start..end]);
            for (int r = start; r < end; r++) results[r] = [.. done[r - start].Visualizations];
            progress?.Report(new MeasureProgress(MeasureStage.FeatureVis, end, requests.Length, requests[end - 1].ParameterLayer));
        }
        return results;
    }

    /// <summary>Adds <paramref name="proxy"/>'s values when it was asked for (its family computes both of its proxies).</summary>
    private static void Add<T>(SortedDictionary<string, ProxyMeasurements> proxies, MeasureOptions options, MeasureProxy proxy,
        SubclusterControls[] controls, T[][] values, Func<T, double> value)
    {
        if (!options.Proxies.Contains(proxy)) return;
        var subclusters = controls.Select((c, i) =>
            new SubclusterMeasurement(c.Layer, c.Cluster, c.Units, value(values[i][0]), [.. values[i].Skip(1).Select(value)])).ToArray();
        proxies.Add(MeasureProxies.Name(proxy), new ProxyMeasurements(MeasureProxies.HigherIsMoreSpecialized(proxy), subclusters));
    }

    private static FeatureVisFigure[] Figures(SubclusterControls[] controls, FeatureVisualization[][] results, int[] imageShape) =>
        [.. controls.Select((c, i) => (c, i)).GroupBy(x => x.c.Layer).Select(layer => new FeatureVisFigure(layer.Key, imageShape,
            [.. layer.Select(x => new FeatureVisFigureRow(x.c.Cluster, results[x.i][0].Image, [.. results[x.i].Skip(1).Select(v => v.Image)]))]))];
}
