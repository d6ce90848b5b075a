using LocalSpec.Data;
using LocalSpec.Graphs;
using LocalSpec.Measures;
using LocalSpec.Nn;
using LocalSpec.Partitioning;
using LocalSpec.Tests.Nn;

namespace LocalSpec.Tests.Measures;

/// <summary>
/// A small trained MLP (784 → 20 → 16 → 10) on the template task and a hand-made partition of its
/// hidden units with dead units, a singleton cluster and unlabelled input and output layers, as a
/// weight-graph partition has them.
/// </summary>
internal static class MeasurementFixture
{
    private static readonly Lazy<(Network Network, LabeledImages Test)> Trained = new(() =>
    {
        var (train, test) = LesionOracle.Templates(11, 600, 200, 10);
        var network = GradientCheck.Build([1, 28, 28], new FlattenSpec(), new DenseSpec(20), new ReluSpec(), new DenseSpec(16), new ReluSpec(), new DenseSpec(10));
        return (LesionOracle.Trained(network, train, 2, 32), test);
    });

    public static Network Network => Trained.Value.Network;

    public static LabeledImages Test => Trained.Value.Test;

    /// <summary>layers.0: clusters 0 (units 0–4), 1 (5–9), 2 (10 alone), 3 (11–17), dead 18, 19. layers.1: 0 (0–7 but dead 3), 1 (8–15).</summary>
    public static Partition Partition(int firstLayerUnits = 20)
    {
        int[] l0 = [.. Enumerable.Range(0, firstLayerUnits).Select(u => u switch { < 5 => 0, < 10 => 1, 10 => 2, < 18 => 3, _ => -1 })];
        int[] l1 = [.. Enumerable.Range(0, 16).Select(u => u == 3 ? -1 : u / 8)];
        LayerPartition[] layers =
        [
            new("input", -1, GraphLayerRole.Input, 0, [.. Enumerable.Repeat(-1, 784)], [], null),
            new("dense 0", 0, GraphLayerRole.Hidden, 4, l0, [.. Enumerable.Range(18, firstLayerUnits - 18)], null),
            new("dense 1", 1, GraphLayerRole.Hidden, 2, l1, [3], null),
            new("output", 2, GraphLayerRole.Output, 0, [.. Enumerable.Repeat(-1, 10)], [], null),
        ];
        return new Partition(PartitionScope.Network, GraphKind.Weights, 6, 0, 1, 0, [], null, layers, Subclusters.Find(layers));
    }

    /// <summary>The analysable subclusters of <see cref="Partition"/>, in layer and cluster order.</summary>
    public static readonly (int Layer, int Cluster)[] Analysable = [(0, 0), (0, 1), (0, 3), (1, 0), (1, 1)];

    public static readonly Dictionary<int, int[]> Dead = new() { [0] = [18, 19], [1] = [3] };

    public static MeasureOptions Options(ulong seed = 5, int random = 4, int steps = 8) =>
        new() { Seed = seed, RandomSubclusters = random, FeatureVis = new FeatureVisOptions { Steps = steps } };

    private static readonly Lazy<MeasurementResult> Default = new(() => Measurement.Run(Network, Partition(), Test, Options()));

    /// <summary>One run with <see cref="Options"/>' defaults, shared by the tests that only read it.</summary>
    public static MeasurementResult Result => Default.Value;
}
