using LocalSpec.Graphs;
using LocalSpec.Nn;
using LocalSpec.Tests.TestSupport;

namespace LocalSpec.Tests.Graphs;

/// <summary>
/// Weight graphs against numpy (tools/reference/graph_references.py, fixtures/graphs/README.md):
/// the PyTorch-written mlp loaded with the mlp preset, and a PyTorch CNN with BatchNorm (both norms).
/// Weight graphs involve no data and no rounding beyond float32 storage, so 1e-5 relative per value.
/// </summary>
public sealed class WeightGraphReferenceTests
{
    private const double Tolerance = 1e-5;

    internal static Network TorchMlp() =>
        ModelFile.Load(RepoPaths.Fixture("torch", "mlp_mnist10k.safetensors"), Presets.Create("mlp", [1, 28, 28], 10));

    internal static Network TorchCnn() =>
        ModelFile.Load(RepoPaths.Fixture("graphs", "cnn_bn.safetensors"),
            ArchitectureSpec.Parse(File.ReadAllText(RepoPaths.Fixture("graphs", "cnn_bn.arch.json"))));

    [Fact]
    public void The_PyTorch_written_mlp_has_numpy_s_weight_graph()
    {
        var reference = GraphReference.Load("mlp_mnist10k_weights.json");
        var graph = WeightGraph.Build(TorchMlp());

        Assert.Equal(reference.Ints("layer_units"), graph.Layers.Select(l => l.Units));
        GraphReference.AssertClose(reference.Doubles("degrees"), GraphReference.Degrees(graph), Tolerance, 0, "degrees");
        GraphReference.AssertClose(reference.Matrix("block_sums").SelectMany(r => r).ToArray(),
            GraphReference.BlockSums(graph).SelectMany(r => r).ToArray(), Tolerance, 0, "block sums");
        var samples = reference.Samples();
        Assert.True(samples.Length >= 200);
        GraphReference.AssertClose(samples.Select(s => s.Value).ToArray(), samples.Select(s => (double)graph[s.I, s.J]).ToArray(), Tolerance, 0, "sampled entries");
    }

    [Theory]
    [InlineData(KernelNorm.L1, "weights_l1")]
    [InlineData(KernelNorm.Induced, "weights_induced")]
    public void A_PyTorch_cnn_with_batchnorm_has_numpy_s_weight_graph(KernelNorm norm, string key)
    {
        var reference = GraphReference.Load("cnn_bn_graphs.json");
        var graph = WeightGraph.Build(TorchCnn(), new WeightGraphOptions { KernelNorm = norm });

        Assert.Equal(reference.Ints("layer_units"), graph.Layers.Select(l => l.Units));
        float[] expected = reference.Tensor(key);
        Assert.Contains(expected, v => v > 0);
        GraphReference.AssertClose(expected.Select(v => (double)v).ToArray(), graph.Adjacency.Select(v => (double)v).ToArray(), Tolerance, 0, key);
    }
}
