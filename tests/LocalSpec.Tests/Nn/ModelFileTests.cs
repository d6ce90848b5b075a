using LocalSpec.Nn;
using LocalSpec.Nn.Safetensors;
using LocalSpec.Numerics;

namespace LocalSpec.Tests.Nn;

public sealed class ModelFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("localspec-modelfile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    private static Network SmallCnn(ulong seed) => Network.Create(
        Presets.Create("cnn", [1, 28, 28], 10), new Rng(seed));

    private static Network BnNet(ulong seed) => Network.Create(new ArchitectureSpec([2, 6, 6],
        [new Conv2dSpec(3, 3, Padding.Same), new ReluSpec(), new BatchNormSpec(), new MaxPool2dSpec(2), new FlattenSpec(), new DenseSpec(4)]), new Rng(seed));

    [Fact]
    public void Saving_and_loading_gives_the_same_architecture_and_every_tensor_bit_for_bit()
    {
        var network = BnNet(1);
        network.Parameters.Span("layers.1.running_var").Fill(2.5f);
        ModelFile.Save(network, PathOf("m.safetensors"));
        var loaded = ModelFile.Load(PathOf("m.safetensors"));
        Assert.Equal(network.Spec, loaded.Spec);
        Assert.Equal(network.Parameters.Data, loaded.Parameters.Data);
    }

    [Fact]
    public void The_same_network_saves_to_identical_bytes()
    {
        ModelFile.Save(SmallCnn(3), PathOf("a.safetensors"), new Dictionary<string, string> { ["localspec.seed"] = "3" });
        ModelFile.Save(SmallCnn(3), PathOf("b.safetensors"), new Dictionary<string, string> { ["localspec.seed"] = "3" });
        Assert.Equal(File.ReadAllBytes(PathOf("a.safetensors")), File.ReadAllBytes(PathOf("b.safetensors")));
    }

    [Fact]
    public void A_file_without_metadata_needs_an_architecture_and_says_so()
    {
        WriteWithoutMetadata(BnNet(2), PathOf("plain.safetensors"), name => name);
        var e = Assert.Throws<ModelFileException>(() => ModelFile.Load(PathOf("plain.safetensors")));
        Assert.Contains("plain.safetensors", e.Message);
        Assert.Contains("--arch", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void PyTorch_sequential_names_bind_by_natural_order_and_ignore_num_batches_tracked()
    {
        var network = BnNet(4);
        // nn.Sequential(Conv, ReLU, BN, Pool, Flatten, Linear) names its tensors 0.*, 2.*, 5.*.
        string[] prefixes = ["0", "2", "5"];
        WriteWithoutMetadata(network, PathOf("seq.safetensors"),
            name => prefixes[int.Parse(name.Split('.')[1])] + "." + name.Split('.')[2], extraCounter: "2.num_batches_tracked");
        var loaded = ModelFile.Load(PathOf("seq.safetensors"), network.Spec);
        Assert.Equal(network.Parameters.Data, loaded.Parameters.Data);
    }

    [Fact]
    public void Natural_order_puts_module_10_after_module_9()
    {
        var layers = new List<LayerSpec> { new FlattenSpec() };
        for (int i = 0; i < 12; i++) layers.AddRange([new DenseSpec(3 + i), new ReluSpec()]);
        layers.Add(new DenseSpec(2));
        var network = Network.Create(new ArchitectureSpec([1, 2, 2], layers), new Rng(5));
        WriteWithoutMetadata(network, PathOf("many.safetensors"), name => "net." + name.Split('.')[1] + "." + name.Split('.')[2]);
        var loaded = ModelFile.Load(PathOf("many.safetensors"), network.Spec);
        Assert.Equal(network.Parameters.Data, loaded.Parameters.Data);
    }

    [Fact]
    public void A_shape_mismatch_names_the_file_the_tensor_and_both_shapes()
    {
        ModelFile.Save(Network.Create(Presets.Create("mlp", [1, 28, 28], 10), new Rng(0)), PathOf("mlp.safetensors"));
        var e = Assert.Throws<ModelFileException>(() => ModelFile.Load(PathOf("mlp.safetensors"), Presets.Create("mlp", [1, 28, 28], 5)));
        Assert.Equal($"{PathOf("mlp.safetensors")}: tensor 'layers.4.weight' has shape [10, 256] but layers.4.weight of the architecture needs [5, 256]", e.Message);
    }

    [Fact]
    public void A_file_with_a_different_number_of_layers_is_rejected_with_both_counts()
    {
        WriteWithoutMetadata(BnNet(6), PathOf("bn.safetensors"), name => name.Replace("layers.", "m."));
        var e = Assert.Throws<ModelFileException>(() => ModelFile.Load(PathOf("bn.safetensors"), Presets.Create("mlp", [1, 28, 28], 10)));
        Assert.Contains("3 parameter groups", e.Message);
        Assert.Contains("5 parametrised layers", e.Message);
    }

    [Fact]
    public void A_group_with_the_wrong_tensors_is_rejected_naming_what_it_has_and_needs()
    {
        var network = BnNet(7);
        var tensors = network.Parameters.Views
            .Where(v => v.Name != "layers.1.running_var")
            .Select(v => new NamedTensor(v.Name.Replace("layers.", "x."), v.Shape.ToArray(), network.Parameters.Data.AsMemory(v.Offset, v.Length)));
        SafetensorsWriter.Write(PathOf("nobuf.safetensors"), tensors);
        var e = Assert.Throws<ModelFileException>(() => ModelFile.Load(PathOf("nobuf.safetensors"), network.Spec));
        Assert.Contains("group 'x.1'", e.Message);
        Assert.Contains("running_var", e.Message);
    }

    [Fact]
    public void Corrupt_architecture_metadata_is_reported_with_the_file_name()
    {
        var network = BnNet(8);
        var tensors = network.Parameters.Views.Select(v => new NamedTensor(v.Name, v.Shape.ToArray(), network.Parameters.Data.AsMemory(v.Offset, v.Length)));
        SafetensorsWriter.Write(PathOf("bad.safetensors"), tensors, new Dictionary<string, string> { [ModelFile.ArchitectureKey] = "{\"format\":\"localspec.arch/1\",\"input\":[1],\"layers\":[{\"type\":\"dense\"}]}" });
        var e = Assert.Throws<ModelFileException>(() => ModelFile.Load(PathOf("bad.safetensors")));
        Assert.StartsWith(PathOf("bad.safetensors"), e.Message);
        Assert.Contains("units", e.Message);
    }

    private static void WriteWithoutMetadata(Network network, string path, Func<string, string> rename, string? extraCounter = null)
    {
        var store = network.Parameters;
        var tensors = store.Views
            .Select(v => new NamedTensor(rename(v.Name), v.Shape.ToArray(), store.Data.AsMemory(v.Offset, v.Length)))
            .OrderBy(t => t.Name, StringComparer.Ordinal) // as PyTorch-side writers sort: alphabetical, not natural
            .ToList();
        if (extraCounter is not null) tensors.Add(new NamedTensor(extraCounter, [], new long[] { 17 }.AsMemory()));
        SafetensorsWriter.Write(path, tensors);
    }
}
