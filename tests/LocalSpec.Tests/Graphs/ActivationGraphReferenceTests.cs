using LocalSpec.Data;
using LocalSpec.Graphs;
using LocalSpec.Nn;
using LocalSpec.Tests.Nn;
using LocalSpec.Tests.TestSupport;

namespace LocalSpec.Tests.Graphs;

/// <summary>
/// Activation graphs on real data against scipy (tools/reference/graph_references.py): the
/// PyTorch-written mlp and the BatchNorm CNN on every 8th mnist10k training example. The reference
/// runs its forward pass in float64; a float32 forward moves ρ² because near-tied activations swap
/// ranks (every unit has two of the 1,000 examples within 1e-5 relative). The script measured that
/// move with numpy's own float32 forward (float32_forward_deviation: entries ≤ 2.6e-5 absolute,
/// degrees ≤ 3.4e-5 relative, block sums ≤ 1.2e-5 relative); the tolerances below allow about four
/// times that. The Spearman step alone matches scipy per entry to 1e-6 (SquaredSpearmanTests).
/// </summary>
public sealed class ActivationGraphReferenceTests
{
    private const double EntryTolerance = 1e-4, SumTolerance = 1e-4;

    private static readonly Lazy<Dataset> Mnist10k = new(() => DatasetCatalog.Load("mnist10k", DataStore.FromEnvironment()));

    [RequiresFact(typeof(NpmClient))]
    public void The_PyTorch_written_mlp_has_scipy_s_activation_graph()
    {
        var reference = GraphReference.Load("mlp_mnist10k_activations.json");
        var graph = ActivationGraph.Build(WeightGraphReferenceTests.TorchMlp(), Mnist10k.Value.Train,
            new ActivationGraphOptions { ExampleIndices = reference.Ints("example_indices") });

        Assert.Equal(reference.Ints("layer_units"), graph.Layers.Select(l => l.Units));
        Assert.Equal(reference.Bools("dead"), graph.Dead);
        GraphReference.AssertClose(reference.Doubles("degrees"), GraphReference.Degrees(graph), SumTolerance, 0, "degrees");
        GraphReference.AssertClose(reference.Matrix("block_sums").SelectMany(r => r).ToArray(),
            GraphReference.BlockSums(graph).SelectMany(r => r).ToArray(), SumTolerance, 0, "block sums");
        var samples = reference.Samples();
        GraphReference.AssertClose(samples.Select(s => s.Value).ToArray(), samples.Select(s => (double)graph[s.I, s.J]).ToArray(), 0, EntryTolerance, "sampled entries");
    }

    [RequiresFact(typeof(NpmClient))]
    public void A_PyTorch_cnn_with_batchnorm_has_scipy_s_activation_graph()
    {
        var reference = GraphReference.Load("cnn_bn_graphs.json");
        var network = WeightGraphReferenceTests.TorchCnn();
        var graph = ActivationGraph.Build(network, Mnist10k.Value.Train,
            new ActivationGraphOptions { ExampleIndices = reference.Ints("example_indices") });

        Assert.Equal(reference.Bools("activations_dead"), graph.Dead);
        GraphReference.AssertClose(reference.Tensor("activations").Select(v => (double)v).ToArray(),
            graph.Adjacency.Select(v => (double)v).ToArray(), 0, EntryTolerance, "ρ²");
    }

    [RequiresFact(typeof(NpmClient))]
    public void The_cnn_fixture_s_architecture_and_names_reproduce_the_PyTorch_model()
    {
        var reference = GraphReference.Load("cnn_bn_graphs.json");
        int[] probes = reference.Ints("probe_examples");
        var train = Mnist10k.Value.Train.Subset(probes);

        var logits = WeightGraphReferenceTests.TorchCnn().Forward(new Tensor(train.Pixels, probes.Length, 1, 28, 28));

        TorchFixture.AssertClose(reference.Tensor("probe_logits"), logits.Data, "probe logits");
    }
}
