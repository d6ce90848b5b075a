using LocalSpec.Data;
using LocalSpec.Measures;
using LocalSpec.Nn;
using LocalSpec.Numerics;

namespace LocalSpec.Tests.Measures;

/// <summary>lesion.acc_drop and lesion.class_range on networks small enough to work out by hand (METHOD.md §6).</summary>
public sealed class LesionProxyTests
{
    /// <summary>
    /// Input [1, 1, 3] → dense 3 (identity) → relu → dense 3 (identity, bias (0, 0, 0.1)): an input
    /// e_k is class k. Lesioning hidden unit 0 leaves logits (0, 0, 0.1) for e_0, so class 0 is lost.
    /// </summary>
    private static Network Identity()
    {
        var network = Network.Create(new ArchitectureSpec([1, 1, 3], [new FlattenSpec(), new DenseSpec(3), new ReluSpec(), new DenseSpec(3)]), new Rng(1));
        foreach (string name in new[] { "layers.0.weight", "layers.1.weight" })
        {
            var w = network.Parameters.Span(name);
            w.Clear();
            for (int k = 0; k < 3; k++) w[k * 3 + k] = 1f;
        }
        network.Parameters.Span("layers.0.bias").Clear();
        var bias = network.Parameters.Span("layers.1.bias");
        bias.Clear();
        bias[2] = 0.1f;
        return network;
    }

    // Two examples of class 0, one of class 1, one of class 2, one of class 1 drawn as class 2 (always wrong).
    private static LabeledImages Examples() => new(
        [1, 0, 0, /**/ 2, 0, 0, /**/ 0, 1, 0, /**/ 0, 0, 1, /**/ 0, 0, 1], [0, 0, 1, 2, 1], 1, 1, 3);

    [Theory]
    [InlineData(LesionMethod.Fast)]
    [InlineData(LesionMethod.Naive)]
    public void Losing_one_class_gives_the_hand_computed_acc_drop_and_class_range(LesionMethod method)
    {
        var engine = LesionEngine.Create(Identity(), Examples(), new LesionOptions { Method = method });
        Assert.Equal(0.8, engine.Baseline.Accuracy, 12);
        Assert.Equal([1.0, 0.5, 1.0], engine.Baseline.ClassAccuracies);
        var result = engine.Evaluate(0, [[0], [2]]);
        var lost = result.Outcomes[0];
        Assert.Equal(0.4, lost.Score.Accuracy, 12);
        Assert.Equal(0.8 - 0.4, lost.AccDrop, 12);
        Assert.Equal([0.0, 0.5, 1.0], lost.Score.ClassAccuracies);
        Assert.Equal(1.0, lost.ClassRange, 12); // Δ = (1, 0, 0)
        // Without unit 2, e_2 gives logits (0, 0, 0.1) still: nothing changes.
        Assert.Equal(0.0, result.Outcomes[1].AccDrop, 12);
        Assert.Equal(0.0, result.Outcomes[1].ClassRange, 12);
    }

    [Fact]
    public void The_balanced_option_compares_mean_class_accuracies()
    {
        var engine = LesionEngine.Create(Identity(), Examples(), new LesionOptions { Accuracy = LesionAccuracy.Balanced });
        Assert.Equal((1.0 + 0.5 + 1.0) / 3, engine.Baseline.BalancedAccuracy, 12);
        var lost = engine.Evaluate(0, [[0]]).Outcomes[0];
        Assert.Equal(LesionAccuracy.Balanced, engine.Evaluate(0, [[0]]).Accuracy);
        Assert.Equal((1.0 + 0.5 + 1.0) / 3 - (0.0 + 0.5 + 1.0) / 3, lost.AccDrop, 12);
        Assert.Equal(1.0, lost.ClassRange, 12);
    }

    [Fact]
    public void Classes_without_test_examples_are_left_out_of_class_range_and_balanced_accuracy()
    {
        var test = new LabeledImages([1, 0, 0, /**/ 0, 0, 1], [0, 2], 1, 1, 3);
        var engine = LesionEngine.Create(Identity(), test, new LesionOptions { Accuracy = LesionAccuracy.Balanced });
        Assert.True(double.IsNaN(engine.Baseline.ClassAccuracies[1]));
        Assert.Equal(1.0, engine.Baseline.BalancedAccuracy, 12);
        var lost = engine.Evaluate(0, [[0]]).Outcomes[0];
        Assert.Equal(0.5, lost.AccDrop, 12);
        Assert.Equal(1.0, lost.ClassRange, 12);
    }

    [Fact]
    public void An_empty_set_is_the_intact_network()
    {
        var network = Network.Create(Presets.Create("cnn", [1, 28, 28], 10), Trainer.InitRng(1));
        var engine = LesionEngine.Create(network, LesionOracle.RandomImages(1, 50, 10));
        var outcome = engine.Evaluate(1, [[]]).Outcomes[0];
        Assert.Equal(engine.Baseline.ClassCorrect, outcome.Score.ClassCorrect);
        Assert.Equal(0.0, outcome.AccDrop);
        Assert.Equal(0.0, outcome.ClassRange);
        Assert.Equal(engine.BaselinePredictions, engine.Predict(1, [[]], out _)[0]);
    }

    [Fact]
    public void Lesioning_every_unit_of_a_layer_makes_the_prediction_independent_of_the_input()
    {
        var network = Network.Create(Presets.Create("mlp", [1, 28, 28], 10), Trainer.InitRng(2));
        var rng = new Rng(3);
        foreach (var view in network.Parameters.Views.Where(v => v.Kind == ParameterKind.Bias))
        {
            var b = network.Parameters.Span(view);
            for (int j = 0; j < b.Length; j++) b[j] = (float)(0.1 * rng.NextGaussian());
        }
        var engine = LesionEngine.Create(network, LesionOracle.RandomImages(4, 300, 10));
        for (int i = 0; i < 4; i++)
        {
            int[] all = [.. Enumerable.Range(0, 256)];
            var predictions = engine.Predict(i, [all], out _)[0];
            Assert.Single(predictions.Distinct());
            Assert.Equal(engine.NaivePredictions(engine.Site(i), all), predictions);
        }
    }

    /// <summary>
    /// h = (16, δ), δ = 2⁻²⁰, and logits W h with W = [[1, 1.5], [2, 1.75]]. Lesioning unit 0 leaves the
    /// exact logits (1.5δ, 1.75δ): class 1 by a near-tie of 2.4e-7. In float the intact logits are
    /// (16 + 2δ, 32) (16 + 1.5δ rounds up, 32 + 1.75δ down), so the low-rank update z − 16·W[:, 0]
    /// gives (2δ, 0): class 0 by 1.9e-6. Every summation order of the naive path is exact here, so
    /// every BLAS gives class 1.
    /// </summary>
    [Fact]
    public void A_near_tie_that_the_low_rank_update_would_flip_is_recomputed_the_naive_way()
    {
        var network = Network.Create(new ArchitectureSpec([1, 1, 2], [new FlattenSpec(), new DenseSpec(2), new ReluSpec(), new DenseSpec(2)]), new Rng(1));
        new float[] { 16, 0, 0, 1 }.CopyTo(network.Parameters.Span("layers.0.weight"));
        network.Parameters.Span("layers.0.bias").Clear();
        new float[] { 1, 1.5f, 2, 1.75f }.CopyTo(network.Parameters.Span("layers.1.weight"));
        network.Parameters.Span("layers.1.bias").Clear();
        var test = new LabeledImages([1, MathF.Pow(2, -20)], [1], 1, 1, 2);
        int[][] lesion = [[0]];

        var engine = LesionEngine.Create(network, test);
        Assert.Equal([1], engine.NaivePredictions(engine.Site(0), [0]));
        Assert.Equal([1], engine.Predict(0, lesion, out var recomputed)[0]);
        Assert.Equal([1], recomputed);

        var careless = LesionEngine.Create(network, test, new LesionOptions { TieTolerance = 0 });
        Assert.Equal([0], careless.Predict(0, lesion, out _)[0]); // the failure the tolerance prevents
    }

    /// <summary>
    /// conv → relu → batchnorm → conv: the lesion zeroes the channel after the batchnorm, so the
    /// lesioned network equals one whose next conv ignores the channel; zeroing the channel's
    /// incoming weights and bias instead would leave the batchnorm's shift β − γμ/σ in place.
    /// </summary>
    [Fact]
    public void A_channel_followed_by_batchnorm_is_silenced_after_the_batchnorm()
    {
        var network = Tests.Nn.GradientCheck.Build([2, 8, 8], new Conv2dSpec(4, 3, Padding.Same), new ReluSpec(), new BatchNormSpec(),
            new Conv2dSpec(3, 3, Padding.Valid), new ReluSpec(), new FlattenSpec(), new DenseSpec(5));
        var test = LesionOracle.RandomImages(8, 200, 5, 2, 8, 8);
        var x = new Tensor(test.Pixels, [test.Count, 2, 8, 8]);
        var engine = LesionEngine.Create(network, test);
        Assert.Equal(2, engine.Site(0).MaskModule);

        var ignored = network.Clone(); // layers.2: the next conv, W [3, 4, 3, 3]
        var w = ignored.Parameters.Span("layers.2.weight");
        for (int k = 0; k < 3; k++) w.Slice((k * 4 + 1) * 9, 9).Clear();
        Assert.Equal(Evaluator.Predict(ignored, test.Pixels, test.Count), engine.Predict(0, [[1]], out _)[0]);

        var starved = network.Clone(); // zero channel 1's incoming kernels and bias in layers.0 instead
        starved.Parameters.Span("layers.0.weight").Slice(1 * 2 * 9, 2 * 9).Clear();
        starved.Parameters.Span("layers.0.bias")[1] = 0f;
        Assert.NotEqual(ignored.Forward(x).Data, starved.Forward(x).Data);
    }

    [Fact]
    public void Non_finite_logits_are_recomputed_the_naive_way()
    {
        var network = Network.Create(Presets.Create("mlp", [1, 28, 28], 10), Trainer.InitRng(5));
        network.Parameters.Span("layers.4.weight")[7] = float.NaN;
        var engine = LesionEngine.Create(network, LesionOracle.RandomImages(6, 40, 10));
        int[][] sets = [[1, 2, 3]];
        Assert.Equal(engine.NaivePredictions(engine.Site(2), sets[0]), engine.Predict(2, sets, out var recomputed)[0]);
        Assert.Equal(40, recomputed[0]);
    }
}
