using LocalSpec.Data;
using LocalSpec.Measures;
using LocalSpec.Nn;
using LocalSpec.Numerics;
using LocalSpec.Tests.Nn;
using LocalSpec.Tests.TestSupport;

namespace LocalSpec.Tests.Measures;

/// <summary>The fast path predicts exactly what one masked forward pass per lesion predicts (METHOD.md §6).</summary>
public sealed class LesionEngineTests
{
    private static readonly int[] Sizes = [1, 2, 5, 16];

    /// <summary>Per layer: sets of a few sizes, half of the units, and all of them.</summary>
    private static List<int[]> Sets(LesionEngine engine, int parameterLayer, ulong seed)
    {
        int units = engine.Site(parameterLayer).Units;
        var rng = new Rng(seed);
        var sets = Sizes.Where(s => s < units).Select(s => rng.SampleWithoutReplacement(units, s)).ToList();
        sets.Add(rng.SampleWithoutReplacement(units, units / 2));
        sets.Add([.. Enumerable.Range(0, units)]);
        return sets;
    }

    private static void AssertAllLayers(LesionEngine engine, int hiddenLayers)
    {
        for (int i = 0; i < hiddenLayers; i++) LesionOracle.AssertFastEqualsNaive(engine, i, Sets(engine, i, (ulong)(100 + i)));
    }

    [Fact]
    public void Fast_predictions_equal_naive_ones_on_a_random_mlp()
    {
        var network = Network.Create(Presets.Create("mlp", [1, 28, 28], 10), Trainer.InitRng(4));
        var engine = LesionEngine.Create(network, LesionOracle.RandomImages(1, 600, 10));
        AssertAllLayers(engine, 4);
    }

    [Fact]
    public void Fast_predictions_equal_naive_ones_on_a_random_cnn()
    {
        var network = Network.Create(Presets.Create("cnn", [1, 28, 28], 10), Trainer.InitRng(5));
        var engine = LesionEngine.Create(network, LesionOracle.RandomImages(2, 120, 10));
        AssertAllLayers(engine, 3);
    }

    [Fact]
    public void Fast_predictions_equal_naive_ones_on_networks_with_random_biases_and_batchnorm_statistics()
    {
        // layers.0 dense → relu → [batchnorm, masked after it] → layers.2 dense → batchnorm → relu → dropout → layers.4 dense
        var mlp = GradientCheck.Build([1, 6, 6], new FlattenSpec(), new DenseSpec(24), new ReluSpec(), new BatchNormSpec(), new DenseSpec(20),
            new BatchNormSpec(), new ReluSpec(), new DropoutSpec(0.5), new DenseSpec(5));
        var mlpEngine = LesionEngine.Create(mlp, LesionOracle.RandomImages(3, 300, 5, 1, 6, 6));
        foreach (int i in new[] { 0, 2 }) LesionOracle.AssertFastEqualsNaive(mlpEngine, i, Sets(mlpEngine, i, (ulong)(300 + i)));
        // BatchNorm counts as a parameter layer: layers.0 dense, layers.1 batchnorm, layers.2 dense.
        // [2, 14, 12] → conv same → pool 2 → [6, 7, 6] → conv valid → [5, 5, 4] → conv 1×1 → pool 3 reads the top-left 3 × 3 → [4, 1, 1]
        var cnn = GradientCheck.Build([2, 14, 12], new Conv2dSpec(6, 3, Padding.Same), new ReluSpec(), new MaxPool2dSpec(2), new BatchNormSpec(),
            new Conv2dSpec(5, 3, Padding.Valid), new BatchNormSpec(), new ReluSpec(), new Conv2dSpec(4, 1, Padding.Valid), new ReluSpec(),
            new MaxPool2dSpec(3), new FlattenSpec(), new DenseSpec(7), new ReluSpec(), new DenseSpec(4));
        var engine = LesionEngine.Create(cnn, LesionOracle.RandomImages(4, 200, 4, 2, 14, 12));
        foreach (int i in new[] { 0, 2, 4, 5 }) LesionOracle.AssertFastEqualsNaive(engine, i, Sets(engine, i, (ulong)(200 + i)));
    }

    /// <summary>
    /// A bias shift of +2 makes nearly every hidden unit active, so the dense chain takes the
    /// complement form (product over the inactive units) after each entry.
    /// </summary>
    [Theory]
    [InlineData(0f)]
    [InlineData(2f)]
    public void Fast_predictions_equal_naive_ones_on_a_dense_chain_with_dropout_odd_widths_and_many_small_groups(float biasShift)
    {
        // layers.0 … layers.3 dense, widths not multiples of 32, dropout before and after a relu; every site is a dense chain
        var network = GradientCheck.Build([1, 7, 5], new FlattenSpec(), new DenseSpec(37), new ReluSpec(), new DropoutSpec(0.3), new DenseSpec(20),
            new DropoutSpec(0.2), new ReluSpec(), new DenseSpec(45), new ReluSpec(), new DenseSpec(3));
        foreach (string bias in new[] { "layers.0.bias", "layers.1.bias", "layers.2.bias" })
        {
            var values = network.Parameters.Span(bias);
            for (int i = 0; i < values.Length; i++) values[i] += biasShift;
        }
        var test = LesionOracle.RandomImages(13, 103, 3, 1, 7, 5);
        var engine = LesionEngine.Create(network, test, new LesionOptions { WorkingSetFloats = 1 << 12 });
        for (int i = 0; i < 3; i++)
        {
            int units = engine.Site(i).Units;
            var sets = RandomControls.Draw(new Rng((ulong)(40 + i)), [.. Enumerable.Range(0, units)], 3, 29).ToList();
            sets.Add([.. Enumerable.Range(0, units)]);
            LesionOracle.AssertFastEqualsNaive(engine, i, sets);
        }
    }

    [Fact]
    public void Fast_predictions_equal_naive_ones_on_a_briefly_trained_mlp_and_cnn()
    {
        var (train, test) = LesionOracle.Templates(6, 1500, 400, 10);
        var mlp = LesionOracle.Trained(Network.Create(Presets.Create("mlp", [1, 28, 28], 10), Trainer.InitRng(6)), train, 2, 64);
        var mlpEngine = LesionEngine.Create(mlp, test);
        Assert.True(mlpEngine.Baseline.Accuracy > 0.5, $"the mlp learnt too little ({mlpEngine.Baseline.Accuracy:P1})");
        AssertAllLayers(mlpEngine, 4);
        var cnn = LesionOracle.Trained(Network.Create(Presets.Create("cnn", [1, 28, 28], 10), Trainer.InitRng(7)), LesionOracle.Sample(train, 300, 1), 2, 8);
        var cnnEngine = LesionEngine.Create(cnn, LesionOracle.Sample(test, 100, 2));
        Assert.True(cnnEngine.Baseline.Accuracy > 0.5, $"the cnn learnt too little ({cnnEngine.Baseline.Accuracy:P1})");
        AssertAllLayers(cnnEngine, 3);
    }

    [RequiresFact(typeof(NpmClient))]
    public void Fast_predictions_equal_naive_ones_on_an_mlp_trained_on_mnist10k_over_its_whole_test_set()
    {
        var data = DatasetCatalog.Load("mnist10k", DataStore.FromEnvironment());
        var network = LesionOracle.Trained(Network.Create(Presets.Create("mlp", [1, 28, 28], 10), Trainer.InitRng(0)), data.Train, 2, 128);
        var engine = LesionEngine.Create(network, data.Test);
        Assert.Equal(2004, engine.Test.Count);
        Assert.True(engine.Baseline.Accuracy > 0.85, $"the mlp learnt too little ({engine.Baseline.Accuracy:P1})");
        AssertAllLayers(engine, 4);
    }

    [RequiresFact(typeof(NpmClient))]
    public void Fast_predictions_equal_naive_ones_on_a_cnn_trained_on_mnist10k()
    {
        var data = DatasetCatalog.Load("mnist10k", DataStore.FromEnvironment());
        var train = LesionOracle.Sample(data.Train, 1200, 1);
        var network = LesionOracle.Trained(Network.Create(Presets.Create("cnn", [1, 28, 28], 10), Trainer.InitRng(0)), train, 1, 32);
        var engine = LesionEngine.Create(network, LesionOracle.Sample(data.Test, 150, 2));
        Assert.True(engine.Baseline.Accuracy > 0.5, $"the cnn learnt too little ({engine.Baseline.Accuracy:P1})");
        AssertAllLayers(engine, 3);
    }

    [Fact]
    public void Chunk_and_batch_sizes_do_not_change_any_result()
    {
        var network = Network.Create(Presets.Create("cnn", [1, 28, 28], 10), Trainer.InitRng(8));
        var test = LesionOracle.RandomImages(9, 90, 10);
        var sets = new List<int[]> { new[] { 3, 9 }, new[] { 0, 1, 2, 3, 4, 5 }, new[] { 63 } };
        var reference = LesionEngine.Create(network, test);
        var small = LesionEngine.Create(network, test, new LesionOptions { WorkingSetFloats = 1 << 12, BatchSize = 7 });
        for (int i = 0; i < 3; i++)
        {
            var expected = reference.Evaluate(i, sets);
            var actual = small.Evaluate(i, sets);
            Assert.Equal(expected.Outcomes.Select(o => o.Score.ClassCorrect.ToArray()), actual.Outcomes.Select(o => o.Score.ClassCorrect.ToArray()));
        }
    }

    [Fact]
    public void The_same_inputs_give_the_same_results()
    {
        var network = Network.Create(Presets.Create("mlp", [1, 28, 28], 10), Trainer.InitRng(10));
        var test = LesionOracle.RandomImages(11, 300, 10);
        var sets = RandomControls.Draw(new Rng(12), Enumerable.Range(0, 256).ToArray(), 20, 6);
        var first = LesionEngine.Create(network, test).Evaluate(1, sets);
        var second = LesionEngine.Create(network, test).Evaluate(1, sets);
        Assert.Equal(first.Outcomes.Select(o => (o.AccDrop, o.ClassRange, o.Recomputed)), second.Outcomes.Select(o => (o.AccDrop, o.ClassRange, o.Recomputed)));
    }
}
