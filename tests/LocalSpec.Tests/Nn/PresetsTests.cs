using LocalSpec.Nn;
using Xunit;

namespace LocalSpec.Tests.Nn;

public sealed class PresetsTests
{
    [Fact]
    public void Mlp_is_four_hidden_relu_layers_of_256()
    {
        var spec = Presets.Create("mlp", [1, 28, 28], 10);
        Assert.Equal(
            """{"format":"localspec.arch/1","input":[1,28,28],"layers":[{"type":"flatten"},{"type":"dense","units":256},{"type":"relu"},{"type":"dense","units":256},{"type":"relu"},{"type":"dense","units":256},{"type":"relu"},{"type":"dense","units":256},{"type":"relu"},{"type":"dense","units":10}]}""",
            spec.ToJson());
    }

    [Fact]
    public void Cnn_flattens_64_channels_of_5_by_5_on_mnist()
    {
        var spec = Presets.Create("cnn", [1, 28, 28], 10);
        var shapes = spec.OutputShapes();
        int flatten = spec.Layers.ToList().FindIndex(l => l is FlattenSpec);
        Assert.Equal([64, 5, 5], shapes[flatten - 1]);
        Assert.Equal([1600], shapes[flatten]);
        Assert.Equal([3, 0, 0], new[] { LayerType.Conv2d, LayerType.BatchNorm, LayerType.Dropout }.Select(t => spec.Layers.Count(l => l.Type == t)));
        Assert.Equal([Padding.Same, Padding.Valid, Padding.Valid], spec.Layers.OfType<Conv2dSpec>().Select(c => c.Padding));
    }

    [Fact]
    public void Vgg_cifar_has_13_convs_the_contracts_dropouts_and_a_1_by_1_map_before_flatten()
    {
        var spec = Presets.Create("vgg-cifar", [3, 32, 32], 10);
        Assert.Equal([64, 64, 128, 128, 256, 256, 256, 512, 512, 512, 512, 512, 512], spec.Layers.OfType<Conv2dSpec>().Select(c => c.Filters));
        Assert.Equal([0.3, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.5, 0.5], spec.Layers.OfType<DropoutSpec>().Select(d => d.Rate));
        Assert.All(spec.Layers.OfType<BatchNormSpec>(), b => Assert.Equal(new BatchNormSpec(1e-3, 0.01), b));
        Assert.Equal(14, spec.Layers.Count(l => l is BatchNormSpec));
        Assert.Equal(5, spec.Layers.Count(l => l is MaxPool2dSpec));
        // first block: conv → relu → batchnorm → dropout 0.3 → conv → relu → maxpool → batchnorm
        Assert.Equal([LayerType.Conv2d, LayerType.Relu, LayerType.BatchNorm, LayerType.Dropout, LayerType.Conv2d, LayerType.Relu, LayerType.MaxPool2d, LayerType.BatchNorm],
            spec.Layers.Take(8).Select(l => l.Type));
        Assert.Equal([LayerType.Dropout, LayerType.Flatten, LayerType.Dense, LayerType.Relu, LayerType.BatchNorm, LayerType.Dropout, LayerType.Dense],
            spec.Layers.TakeLast(7).Select(l => l.Type));
        int flatten = spec.Layers.ToList().FindIndex(l => l is FlattenSpec);
        Assert.Equal([512], spec.OutputShapes()[flatten]);
    }

    [Fact]
    public void Unknown_preset_lists_the_known_ones()
    {
        var e = Assert.Throws<ArchitectureException>(() => Presets.Create("resnet", [1, 28, 28], 10));
        Assert.Equal("unknown network preset 'resnet' (known: mlp, cnn, vgg-cifar)", e.Message);
    }

    [Fact]
    public void A_preset_that_does_not_fit_the_input_says_so()
    {
        var e = Assert.Throws<ArchitectureException>(() => Presets.Create("cnn", [1, 8, 8], 10));
        Assert.StartsWith("network 'cnn' does not fit input [1, 8, 8]: arch.layers[7].size", e.Message);
    }

    [Fact]
    public void Presets_carry_the_papers_training_settings()
    {
        Assert.Equal((20, 128, 0.0), Settings("mlp"));
        Assert.Equal((10, 64, 0.0), Settings("cnn"));
        Assert.Equal((200, 128, 5e-4), Settings("vgg-cifar"));
        static (int, int, double) Settings(string name)
        {
            var o = Presets.TrainingDefaults(name);
            Assert.Equal(1e-3, o.Adam.LearningRate);
            return (o.Epochs, o.BatchSize, o.Adam.L2);
        }
    }
}
