using System.Text.Json;
using LocalSpec.Data;
using LocalSpec.Graphs;
using LocalSpec.Nn;
using LocalSpec.Partitioning;
using LocalSpec.Tests.TestSupport;

namespace LocalSpec.Tests.Partitioning;

/// <summary>
/// METHOD.md §4: on the same graph, LocalSpec's n-cut is no worse than scikit-learn 1.2's
/// SpectralClustering(affinity='precomputed', eigen_solver='arpack', assign_labels='kmeans').
/// The mlp weight graph is in <see cref="SklearnReferenceTests"/>; here the mlp activation graph
/// (numpy/scipy graph of tools/reference/graph_references.py: the PyTorch-trained mlp on every 8th
/// mnist10k training example) and the cnn weight graph of a LocalSpec-trained Fashion-MNIST cnn.
/// References: fixtures/partitioning/sklearn_*_k16.json (their "command" field says how they were made).
/// </summary>
public sealed class SklearnOtherGraphsTests
{
    private const int Seeds = 10;

    /// <summary>
    /// Over seeds 0–9 (n_init 25 on both sides) and against scikit-learn's mean over its seeds 0–9:
    /// <list type="bullet">
    /// <item>with the default options (<see cref="RestartSelection.NCut"/>), our mean n-cut is no
    /// higher, strictly;</item>
    /// <item>with <see cref="RestartSelection.Inertia"/>, which is scikit-learn's algorithm (same
    /// embedding to 1e-10, same k-means++, Lloyd and restart rule; only the random draws differ),
    /// our mean is not detectably higher: at most two standard errors of the difference of the two
    /// means above theirs. A strict bound cannot hold for two samples of one distribution; measured
    /// over more seeds the two agree (mlp activation graph: ours 6.6310 ± 0.0005 over 100 seeds,
    /// scikit-learn's 6.6303 ± 0.0010 over 40).</item>
    /// </list>
    /// </summary>
    private static void AssertNoWorse(NeuronGraph graph, string fixture)
    {
        double[] theirs = JsonDocument.Parse(File.ReadAllBytes(RepoPaths.Fixture("partitioning", fixture))).RootElement
            .GetProperty("n_init_25").GetProperty("ncut").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(Seeds, theirs.Length);
        double[] Ours(SpectralClusteringOptions options) =>
            [.. Enumerable.Range(0, Seeds).Select(s => SpectralClustering.Cluster(graph, options with { Seed = (ulong)s }).NCut)];
        var defaults = new SpectralClusteringOptions { K = 16 };
        double[] byDefault = Ours(defaults), byInertia = Ours(defaults with { Selection = RestartSelection.Inertia });
        Assert.True(byDefault.Average() <= theirs.Average(), $"our mean n-cut (default options) {byDefault.Average()}; scikit-learn's {theirs.Average()}");
        double difference = byInertia.Average() - theirs.Average();
        double se = Math.Sqrt(Variance(byInertia) / Seeds + Variance(theirs) / Seeds);
        Assert.True(difference <= 2 * se, $"our mean n-cut (select: inertia) {byInertia.Average()}, scikit-learn's {theirs.Average()}: {difference / se:F2} standard errors above");
    }

    private static double Variance(double[] v) => v.Sum(x => (x - v.Average()) * (x - v.Average())) / (v.Length - 1);

    [RequiresFact(typeof(NpmClient))]
    public void The_mlp_activation_graph_n_cut_is_no_worse_than_scikit_learns()
    {
        var network = ModelFile.Load(RepoPaths.Fixture("torch", "mlp_mnist10k.safetensors"), Presets.Create("mlp", [1, 28, 28], 10));
        var train = DatasetCatalog.Load("mnist10k", DataStore.FromEnvironment()).Train;
        int[] everyEighth = [.. Enumerable.Range(0, (train.Count + 7) / 8).Select(i => 8 * i)];
        var graph = ActivationGraph.Build(network, train, new ActivationGraphOptions { ExampleIndices = everyEighth });
        AssertNoWorse(graph, "sklearn_mlp_mnist10k_activations_k16.json");
    }

    [Fact]
    public void The_cnn_weight_graph_n_cut_is_no_worse_than_scikit_learns()
    {
        var graph = WeightGraph.Build(ModelFile.Load(RepoPaths.Fixture("partitioning", "cnn_fashion_mnist_s0.safetensors")));
        Assert.Equal(192, graph.NodeCount);
        AssertNoWorse(graph, "sklearn_cnn_fashion_mnist_k16.json");
    }
}
