using System.Text.Json;
using LocalSpec.Data;
using LocalSpec.Nn;
using LocalSpec.Tests.TestSupport;

namespace LocalSpec.Tests.Nn;

/// <summary>
/// A model a PyTorch user trained (tools/reference/torch_mlp_mnist10k.py, no LocalSpec metadata)
/// loads with the mlp preset and classifies the mnist10k test split exactly as PyTorch did.
/// </summary>
public sealed class PyTorchModelTests
{
    private static readonly Lazy<Dataset> Mnist10k = new(() => DatasetCatalog.Load("mnist10k", DataStore.FromEnvironment()));

    [RequiresTheory(typeof(NpmClient))]
    [InlineData("mlp_mnist10k.safetensors")]
    [InlineData("mlp_mnist10k_sequential.safetensors")]
    public void A_PyTorch_written_mlp_gives_PyTorch_s_accuracy_and_logits(string file)
    {
        using var record = JsonDocument.Parse(File.ReadAllText(RepoPaths.Fixture("torch", "mlp_mnist10k.json")));
        var expected = record.RootElement;
        var data = Mnist10k.Value;
        var network = ModelFile.Load(RepoPaths.Fixture("torch", file), Presets.Create("mlp", [1, 28, 28], 10));

        int[] predictions = Evaluator.Predict(network, data.Test.Pixels, data.Test.Count);
        int correct = predictions.Where((p, i) => p == data.Test.Labels[i]).Count();
        Assert.Equal(expected.GetProperty("test_count").GetInt32(), data.Test.Count);
        Assert.Equal(expected.GetProperty("test_correct").GetInt32(), correct);

        int[] probes = expected.GetProperty("probe_test_indices").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var logits = TorchFixture.ReadTensor(expected.GetProperty("probe_test_logits"));
        var batch = new float[probes.Length * 784];
        for (int i = 0; i < probes.Length; i++) data.Test.Image(probes[i]).CopyTo(batch.AsSpan(i * 784, 784));
        var ours = network.Forward(new Tensor(batch, probes.Length, 1, 28, 28));
        TorchFixture.AssertClose(logits.Data, ours.Data, "probe logits");
    }
}
