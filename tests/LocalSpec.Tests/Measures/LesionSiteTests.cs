using LocalSpec.Data;
using LocalSpec.Measures;
using LocalSpec.Nn;
using LocalSpec.Numerics;
using LocalSpec.Tests.Nn;

namespace LocalSpec.Tests.Measures;

/// <summary>Where a lesion is applied: after the last ReLU / pool / BatchNorm / dropout that follows the unit (METHOD.md §6).</summary>
public sealed class LesionSiteTests
{
    [Fact]
    public void Mlp_units_are_masked_after_their_relu_and_feed_the_next_dense_layer()
    {
        var network = Network.Create(Presets.Create("mlp", [1, 28, 28], 10), new Rng(1));
        for (int i = 0; i < 4; i++)
        {
            var site = LesionSite.Resolve(network, i);
            Assert.Equal((1 + 2 * i, 2 + 2 * i, 3 + 2 * i, 256, 1), (site.UnitModule, site.MaskModule, site.NextModule, site.Units, site.UnitSize));
        }
    }

    [Fact]
    public void Cnn_channels_are_masked_after_relu_or_pool_and_the_last_conv_feeds_the_dense_layer_through_flatten()
    {
        var network = Network.Create(Presets.Create("cnn", [1, 28, 28], 10), new Rng(1));
        var sites = Enumerable.Range(0, 3).Select(i => LesionSite.Resolve(network, i)).ToArray();
        Assert.Equal([1, 4, 7], sites.Select(s => s.MaskModule));
        Assert.Equal([2, 5, 9], sites.Select(s => s.NextModule));
        Assert.Equal([28 * 28, 13 * 13, 5 * 5], sites.Select(s => s.UnitSize));
    }

    [Fact]
    public void A_vgg_channel_is_masked_after_the_batchnorm_and_dropout_that_follow_its_pool()
    {
        var network = Network.Create(Presets.Create("vgg-cifar", [3, 32, 32], 10), new Rng(1));
        // layers.0 conv → relu → batchnorm → dropout; layers.2 conv → relu → maxpool → batchnorm → conv
        var first = LesionSite.Resolve(network, 0);
        Assert.Equal(LayerType.Dropout, network.Layers[first.MaskModule].Type);
        var second = LesionSite.Resolve(network, 2);
        Assert.Equal([LayerType.Relu, LayerType.MaxPool2d, LayerType.BatchNorm], network.Layers.Skip(second.UnitModule + 1).Take(3).Select(l => l.Type));
        Assert.Equal(second.UnitModule + 3, second.MaskModule);
        Assert.Equal(LayerType.Conv2d, network.Layers[second.NextModule].Type);
    }

    [Fact]
    public void The_output_layer_has_no_fast_path_and_is_lesioned_the_naive_way()
    {
        var network = GradientCheck.Build([1, 2, 2], new FlattenSpec(), new DenseSpec(4), new ReluSpec(), new DenseSpec(3));
        var site = LesionSite.Resolve(network, 1);
        Assert.False(site.HasFastPath);
        Assert.Equal(3, site.MaskModule);
        var engine = LesionEngine.Create(network, LesionOracle.RandomImages(1, 30, 3, 1, 2, 2));
        var result = engine.Evaluate(1, [[0, 2]]);
        Assert.Equal(LesionMethod.Naive, result.Method);
        Assert.Equal(engine.NaivePredictions(site, [0, 2]), engine.Predict(1, [[0, 2]], out _)[0]);
    }

    [Fact]
    public void Batchnorm_layers_and_missing_layers_cannot_be_lesioned()
    {
        var network = GradientCheck.Build([1, 2, 2], new FlattenSpec(), new DenseSpec(4), new BatchNormSpec(), new DenseSpec(3));
        var bn = Assert.Throws<ArgumentException>(() => LesionSite.Resolve(network, 1));
        Assert.StartsWith("layers.1 is a batchnorm layer; lesions apply to dense units and conv2d channels.", bn.Message);
        var missing = Assert.Throws<ArgumentOutOfRangeException>(() => LesionSite.Resolve(network, 3));
        Assert.StartsWith("There is no layers.3: the network has layers.0 … layers.2.", missing.Message);
    }

    [Fact]
    public void Bad_unit_sets_and_mismatched_test_sets_are_rejected_with_the_reason()
    {
        var network = GradientCheck.Build([1, 2, 2], new FlattenSpec(), new DenseSpec(4), new ReluSpec(), new DenseSpec(3));
        var engine = LesionEngine.Create(network, LesionOracle.RandomImages(1, 10, 3, 1, 2, 2));
        Assert.StartsWith("Unit set 1 names unit 4, but layers.0 has units 0..3.", Assert.Throws<ArgumentException>(() => engine.Evaluate(0, [[0], [4]])).Message);
        Assert.StartsWith("Unit set 0 names unit 2 twice.", Assert.Throws<ArgumentException>(() => engine.Evaluate(0, [[2, 1, 2]])).Message);
        Assert.StartsWith("The test images are [1, 3, 2] but the network takes [1, 2, 2].",
            Assert.Throws<ArgumentException>(() => LesionEngine.Create(network, LesionOracle.RandomImages(1, 10, 3, 1, 3, 2))).Message);
        Assert.StartsWith("Test example 4 has label 3, not one of the network's 3 classes.",
            Assert.Throws<ArgumentException>(() => LesionEngine.Create(network, new LabeledImages(new float[20], [0, 1, 2, 0, 3], 1, 2, 2))).Message);
    }

    [Fact]
    public void The_unit_mask_zeroes_exactly_the_set()
    {
        var site = LesionSite.Resolve(Network.Create(Presets.Create("mlp", [1, 28, 28], 10), new Rng(1)), 2);
        var mask = site.Mask([0, 7, 255]);
        Assert.Equal(3, mask.Count(m => m == 0f));
        Assert.Equal([0f, 0f, 0f], new[] { mask[0], mask[7], mask[255] });
        Assert.Equal(253, mask.Count(m => m == 1f));
    }
}
