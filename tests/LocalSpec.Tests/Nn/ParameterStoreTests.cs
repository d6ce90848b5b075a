using LocalSpec.Nn;
using LocalSpec.Numerics;
using Xunit;

namespace LocalSpec.Tests.Nn;

public sealed class ParameterStoreTests
{
    [Fact]
    public void Mlp_tensors_are_layers_0_to_4_in_pytorch_layout()
    {
        var store = Network.Create(Presets.Create("mlp", [1, 28, 28], 10), new Rng(0)).Parameters;
        Assert.Equal(
            ["layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias", "layers.2.weight", "layers.2.bias",
             "layers.3.weight", "layers.3.bias", "layers.4.weight", "layers.4.bias"],
            store.Names);
        Assert.Equal([256, 784], store["layers.0.weight"].Shape);
        Assert.Equal([10, 256], store["layers.4.weight"].Shape);
        Assert.Equal(784 * 256 + 256 + 3 * (256 * 256 + 256) + 256 * 10 + 10, store.Count);
    }

    [Fact]
    public void Batchnorm_has_weight_bias_and_running_buffers_and_conv_weights_are_out_in_kh_kw()
    {
        var store = Network.Create(Presets.Create("vgg-cifar", [3, 32, 32], 10), new Rng(0)).Parameters;
        Assert.Equal([64, 3, 3, 3], store["layers.0.weight"].Shape);
        var bn = new[] { "weight", "bias", "running_mean", "running_var" }.Select(s => store[$"layers.1.{s}"]).ToArray();
        Assert.Equal([ParameterKind.Gamma, ParameterKind.Beta, ParameterKind.RunningMean, ParameterKind.RunningVar], bn.Select(v => v.Kind));
        Assert.Equal([true, true, false, false], bn.Select(v => v.Trainable));
        Assert.All(bn, v => Assert.Equal([64], v.Shape));
        Assert.Equal([64, 64, 3, 3], store["layers.2.weight"].Shape);
        Assert.Equal([512, 512], store["layers.26.weight"].Shape); // 13 conv + 13 BN, then the dense
        Assert.Equal([10, 512], store["layers.28.weight"].Shape);
        Assert.Equal(29, store.Views.Select(v => v.LayerIndex).Distinct().Count());
    }

    [Fact]
    public void Views_tile_the_flat_buffer_in_order_without_gaps()
    {
        var store = Network.Create(Presets.Create("cnn", [1, 28, 28], 10), new Rng(0)).Parameters;
        int offset = 0;
        foreach (var view in store.Views)
        {
            Assert.Equal(offset, view.Offset);
            Assert.Equal(view.Shape.Aggregate(1, (a, d) => a * d), view.Length);
            offset += view.Length;
        }
        Assert.Equal(store.Count, offset);
        Assert.Equal(store.Count, store.Data.Length);
    }

    [Fact]
    public void Write_checks_the_shape_and_Read_returns_a_copy()
    {
        var store = Network.Create(new ArchitectureSpec([3], [new DenseSpec(2)]), new Rng(0)).Parameters;
        store.Write("layers.0.weight", [1, 2, 3, 4, 5, 6], [2, 3]);
        var read = store.Read("layers.0.weight");
        read[0] = 99;
        Assert.Equal([1f, 2, 3, 4, 5, 6], store.Read("layers.0.weight"));
        var e = Assert.Throws<ArgumentException>(() => store.Write("layers.0.weight", [1, 2, 3, 4, 5, 6], [3, 2]));
        Assert.Contains("has shape [2, 3], not [3, 2]", e.Message);
        var missing = Assert.Throws<KeyNotFoundException>(() => store["layers.1.weight"]);
        Assert.Contains("layers.0.weight, layers.0.bias", missing.Message);
    }

    [Fact]
    public void Views_know_their_module()
    {
        var network = Network.Create(Presets.Create("cnn", [1, 28, 28], 10), new Rng(0));
        foreach (var view in network.Parameters.Views)
        {
            Assert.Equal(view.LayerIndex, network.Layers[view.ModuleIndex].ParameterIndex);
            Assert.Equal(view.ModuleIndex, network.ModuleOfParameterLayer(view.LayerIndex));
        }
    }
}
