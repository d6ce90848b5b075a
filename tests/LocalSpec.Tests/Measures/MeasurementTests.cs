using LocalSpec.Graphs;
using LocalSpec.Measures;
using LocalSpec.Nn;
using LocalSpec.Partitioning;
using LocalSpec.Reporting;

namespace LocalSpec.Tests.Measures;

public sealed class MeasurementTests
{
    private static readonly MeasureProxy[] Lesion = [MeasureProxy.LesionAccDrop, MeasureProxy.LesionClassRange];

    private static int[] Live(int layer) => [.. Enumerable.Range(0, layer == 0 ? 20 : 16).Except(MeasurementFixture.Dead[layer])];

    [Fact]
    public void True_and_random_values_equal_direct_lesion_and_feature_visualization_calls()
    {
        var network = MeasurementFixture.Network;
        var document = MeasurementFixture.Result.Document;
        // the oracle: one masked forward pass per lesion; the same visualizer request the stage makes
        var naive = LesionEngine.Create(network, MeasurementFixture.Test, new LesionOptions { Method = LesionMethod.Naive });
        var visualizer = new FeatureVisualizer(network, new FeatureVisOptions { Steps = 8, Seed = 5 });
        var controls = document.Controls!;
        Assert.Equal(MeasurementFixture.Analysable, controls.Select(c => (c.Layer, c.Cluster)));
        for (int i = 0; i < controls.Count; i++)
        {
            var c = controls[i];
            Assert.Equal(RandomControls.Draw(new LocalSpec.Numerics.Rng(5), c.Layer, c.Cluster, Live(c.Layer), c.Units.Length, 4), c.RandomUnits);
            int[][] sets = [c.Units, .. c.RandomUnits];
            var lesions = naive.Evaluate(c.Layer, sets).Outcomes;
            AssertValues(document.Of(MeasureProxy.LesionAccDrop)!.Subclusters[i], c, [.. lesions.Select(o => o.AccDrop)]);
            AssertValues(document.Of(MeasureProxy.LesionClassRange)!.Subclusters[i], c, [.. lesions.Select(o => o.ClassRange)]);
            var images = visualizer.Visualize(c.Layer, sets, (ulong)c.Cluster).Visualizations;
            AssertValues(document.Of(MeasureProxy.FeatureVisScore)!.Subclusters[i], c, [.. images.Select(v => v.Score)]);
            AssertValues(document.Of(MeasureProxy.FeatureVisEntropy)!.Subclusters[i], c, [.. images.Select(v => v.Entropy)]);
            var row = MeasurementFixture.Result.Figures.Single(f => f.Layer == c.Layer).Rows.Single(r => r.Cluster == c.Cluster);
            Assert.Equal(images[0].Image, row.TrueImage);
            Assert.Equal(images.Skip(1).Select(v => v.Image), row.RandomImages);
        }
        Assert.Equal(naive.Baseline.Accuracy, document.Lesion!.IntactAccuracy);
        Assert.Equal(MeasurementFixture.Test.Count, document.Lesion.TestExamples);
    }

    private static void AssertValues(SubclusterMeasurement measured, SubclusterControls controls, double[] expected)
    {
        Assert.Equal((controls.Layer, controls.Cluster), (measured.Layer, measured.Cluster));
        Assert.Equal(controls.Units, measured.Units);
        Assert.Equal(expected[0], measured.True);
        Assert.Equal(expected[1..], measured.Random);
    }

    [Fact]
    public void A_cnn_s_conv_channels_are_lesioned_and_visualized_like_dense_units()
    {
        var network = LocalSpec.Tests.Nn.GradientCheck.Build([1, 8, 8], new Conv2dSpec(6, 3, Padding.Same), new ReluSpec(), new MaxPool2dSpec(2),
            new Conv2dSpec(5, 3, Padding.Valid), new ReluSpec(), new FlattenSpec(), new DenseSpec(4));
        var test = LesionOracle.RandomImages(8, 60, 4, 1, 8, 8);
        LayerPartition[] layers =
        [
            new("conv 0", 0, GraphLayerRole.Hidden, 2, [0, 0, 0, 1, 1, 1], [], null),
            new("conv 1", 1, GraphLayerRole.Hidden, 2, [0, 0, 1, 1, 1], [], null),
        ];
        var partition = new Partition(PartitionScope.Network, GraphKind.Weights, 2, 0, 1, 0, [], null, layers, Subclusters.Find(layers));
        var document = Measurement.Run(network, partition, test, MeasurementFixture.Options(random: 3, steps: 5)).Document;
        var controls = document.Controls!;
        Assert.Equal([(0, 0), (0, 1), (1, 0), (1, 1)], controls.Select(c => (c.Layer, c.Cluster)));
        var naive = LesionEngine.Create(network, test, new LesionOptions { Method = LesionMethod.Naive });
        var visualizer = new FeatureVisualizer(network, new FeatureVisOptions { Steps = 5, Seed = 5 });
        for (int i = 0; i < controls.Count; i++)
        {
            var c = controls[i];
            int[][] sets = [c.Units, .. c.RandomUnits];
            AssertValues(document.Of(MeasureProxy.LesionClassRange)!.Subclusters[i], c, [.. naive.Evaluate(c.Layer, sets).Outcomes.Select(o => o.ClassRange)]);
            AssertValues(document.Of(MeasureProxy.FeatureVisScore)!.Subclusters[i], c, [.. visualizer.Visualize(c.Layer, sets, (ulong)c.Cluster).Visualizations.Select(v => v.Score)]);
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_bytes_whatever_the_parallelism_and_another_seed_other_controls()
    {
        var network = MeasurementFixture.Network;
        var partition = MeasurementFixture.Partition();
        byte[] first = MeasurementsFile.ToBytes(MeasurementFixture.Result.Document);
        var parallel = MeasurementFixture.Options() with { FeatureVis = new FeatureVisOptions { Steps = 8, MaxParallelism = 3, Seed = 99 } };
        Assert.Equal(first, MeasurementsFile.ToBytes(Measurement.Run(network.Clone(), partition, MeasurementFixture.Test, parallel).Document));

        var other = Measurement.Run(network, partition, MeasurementFixture.Test, MeasurementFixture.Options(seed: 6)).Document;
        var a = MeasurementFixture.Result.Document;
        for (int i = 0; i < a.Controls!.Count; i++)
        {
            Assert.NotEqual(a.Controls[i].RandomUnits, other.Controls![i].RandomUnits);
            // a lesion of the true subcluster does not depend on the seed; its visualization does
            Assert.Equal(a.Of(MeasureProxy.LesionAccDrop)!.Subclusters[i].True, other.Of(MeasureProxy.LesionAccDrop)!.Subclusters[i].True);
            Assert.NotEqual(a.Of(MeasureProxy.FeatureVisScore)!.Subclusters[i].True, other.Of(MeasureProxy.FeatureVisScore)!.Subclusters[i].True);
        }
    }

    [Fact]
    public void Dead_units_are_never_drawn_and_non_analysable_subclusters_are_skipped()
    {
        var options = MeasurementFixture.Options(random: 60) with { Proxies = [MeasureProxy.LesionAccDrop] };
        var document = Measurement.Run(MeasurementFixture.Network, MeasurementFixture.Partition(), MeasurementFixture.Test, options).Document;
        Assert.Equal(MeasurementFixture.Analysable, document.Of(MeasureProxy.LesionAccDrop)!.Subclusters.Select(s => (s.Layer, s.Cluster)));
        foreach (var layer in document.Controls!.GroupBy(c => c.Layer))
        {
            int[] live = Live(layer.Key);
            var drawn = new HashSet<int>();
            foreach (var c in layer)
            {
                Assert.Equal(60, c.RandomUnits.Length);
                foreach (int[] set in c.RandomUnits)
                {
                    Assert.Equal(c.Units.Length, set.Length);
                    Assert.Equal(set.Order(), set);
                    Assert.Equal(set.Length, set.Distinct().Count());
                    Assert.All(set, u => Assert.Contains(u, live));
                    drawn.UnionWith(set);
                }
            }
            // the pool is every live unit, the singleton cluster's unit 10 included
            Assert.Equal(live, drawn.Order());
        }
    }

    [Fact]
    public void Only_the_requested_families_are_computed()
    {
        var lesionOnly = Measurement.Run(MeasurementFixture.Network, MeasurementFixture.Partition(), MeasurementFixture.Test,
            MeasurementFixture.Options() with { Proxies = [MeasureProxy.LesionClassRange] });
        Assert.Equal(["lesion.class_range"], lesionOnly.Document.Proxies.Keys);
        Assert.Null(lesionOnly.Document.FeatureVis);
        Assert.Empty(lesionOnly.Figures);
        Assert.Equal(TimeSpan.Zero, lesionOnly.FeatureVisTime);

        var featvisOnly = Measurement.Run(MeasurementFixture.Network, MeasurementFixture.Partition(), MeasurementFixture.Test,
            MeasurementFixture.Options() with { Proxies = MeasureProxies.Parse("featvis.entropy") });
        Assert.Equal(["featvis.entropy"], featvisOnly.Document.Proxies.Keys);
        Assert.Null(featvisOnly.Document.Lesion);
        Assert.Equal(TimeSpan.Zero, featvisOnly.LesionTime);
        // the values of a proxy do not depend on which others were measured with it
        Assert.Equal(
            MeasurementFixture.Result.Document.Of(MeasureProxy.FeatureVisEntropy)!.Subclusters.Select(s => s.Random),
            featvisOnly.Document.Of(MeasureProxy.FeatureVisEntropy)!.Subclusters.Select(s => s.Random));
    }

    [Fact]
    public void Figures_hold_a_row_per_subcluster_of_each_layer_and_compose_into_a_png_grid()
    {
        var figures = MeasurementFixture.Result.Figures;
        Assert.Equal([0, 1], figures.Select(f => f.Layer));
        Assert.Equal([0, 1, 3], figures[0].Rows.Select(r => r.Cluster));
        Assert.Equal("featvis-layers.1.png", figures[1].FileName);
        foreach (var figure in figures)
        {
            Assert.Equal([1, 28, 28], figure.ImageShape);
            Assert.All(figure.Cells, row => Assert.Equal(5, row.Count));
            var png = PngGrid.Compose(figure.Cells, figure.ImageShape, new PngGridOptions { Scale = 1, Separator = 1 });
            Assert.Equal((5 * 28 + 4, figure.Rows.Count * 28 + figure.Rows.Count - 1), (png.Width, png.Height));
        }
        var noImages = Measurement.Run(MeasurementFixture.Network, MeasurementFixture.Partition(), MeasurementFixture.Test,
            MeasurementFixture.Options(steps: 2) with { KeepImages = false, Proxies = [MeasureProxy.FeatureVisScore] });
        Assert.Empty(noImages.Figures);
    }

    [Fact]
    public void A_partition_of_another_network_is_rejected_naming_the_layer()
    {
        var e = Assert.Throws<MeasurementException>(() => Measurement.Run(MeasurementFixture.Network, MeasurementFixture.Partition(firstLayerUnits: 30),
            MeasurementFixture.Test, MeasurementFixture.Options()));
        Assert.Contains("the partition does not fit the network", e.Message);
        Assert.Contains("layer 'dense 0' has 30 units, but the network's layers.0 has 20", e.Message);

        var other = Network.Create(Presets.Create("mlp", [1, 28, 28], 10), Trainer.InitRng(1));
        e = Assert.Throws<MeasurementException>(() => Measurement.CheckFits(other, MeasurementFixture.Partition(), "p.json", "m.safetensors"));
        Assert.StartsWith("p.json does not fit m.safetensors", e.Message);
    }

    [Fact]
    public void Progress_counts_subclusters_up_to_the_total_in_each_stage()
    {
        var reports = new List<MeasureProgress>();
        // one feature-visualization request at a time: progress after each (with more, after each group)
        var options = MeasurementFixture.Options(steps: 2) with { FeatureVis = new FeatureVisOptions { Steps = 2, MaxParallelism = 1 } };
        Measurement.Run(MeasurementFixture.Network, MeasurementFixture.Partition(), MeasurementFixture.Test, options, new Collect(reports));
        var lesions = reports.Where(r => r.Stage == MeasureStage.Lesions).ToArray();
        var featvis = reports.Where(r => r.Stage == MeasureStage.FeatureVis).ToArray();
        Assert.Equal([3, 5], lesions.Select(r => r.Done));
        Assert.Equal([0, 1], lesions.Select(r => r.Layer));
        Assert.Equal([1, 2, 3, 4, 5], featvis.Select(r => r.Done));
        Assert.All(reports, r => Assert.Equal(5, r.Total));
    }

    [Fact]
    public void A_cancelled_token_stops_the_run()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            Measurement.Run(MeasurementFixture.Network, MeasurementFixture.Partition(), MeasurementFixture.Test, MeasurementFixture.Options(), cancellationToken: cancel.Token));
    }

    [Fact]
    public void Invalid_options_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Measurement.Run(MeasurementFixture.Network, MeasurementFixture.Partition(), MeasurementFixture.Test,
            MeasurementFixture.Options(random: 0)));
        Assert.Throws<ArgumentException>(() => Measurement.Run(MeasurementFixture.Network, MeasurementFixture.Partition(), MeasurementFixture.Test,
            MeasurementFixture.Options() with { Proxies = [] }));
    }

    private sealed class Collect(List<MeasureProgress> reports) : IProgress<MeasureProgress>
    {
        public void Report(MeasureProgress value) => reports.Add(value);
    }
}
