using LocalSpec.Nn;
using LocalSpec.Partitioning;

namespace LocalSpec.Tests.Partitioning;

public sealed class ClusterabilityTests
{
    /// <summary>An MLP whose weights connect unit blocks 0–3, 4–7, … only: clusterable by construction.</summary>
    private static Network BlockMlp(ulong seed)
    {
        var network = Network.Create(new ArchitectureSpec([1, 4, 4],
            [new FlattenSpec(), new DenseSpec(16), new ReluSpec(), new DenseSpec(16), new ReluSpec(), new DenseSpec(16)]), new LocalSpec.Numerics.Rng(seed));
        foreach (var view in network.Parameters.Views.Where(v => v.Kind == ParameterKind.Weight))
        {
            var w = network.Parameters.Span(view);
            int outputs = view.Shape[0], inputs = view.Shape[1];
            for (int j = 0; j < outputs; j++)
                for (int i = 0; i < inputs; i++)
                    if (j / 4 != i / 4) w[j * inputs + i] *= 1e-3f;
                    else w[j * inputs + i] = 0.5f + Math.Abs(w[j * inputs + i]);
        }
        return network;
    }

    private static ClusterabilityOptions Options(int shuffles) => new()
    {
        Shuffles = shuffles,
        Seed = 3,
        Clustering = new SpectralClusteringOptions { K = 4, Restarts = 5, Seed = 3 },
    };

    [Fact]
    public void A_network_built_of_blocks_is_more_clusterable_than_every_shuffle()
    {
        var result = Clusterability.Measure(BlockMlp(1), Options(19));
        Assert.Equal(19, result.ShuffledNCuts.Count);
        Assert.All(result.ShuffledNCuts, s => Assert.True(result.NCut < s, $"shuffled n-cut {s} ≤ trained {result.NCut}"));
        Assert.Equal(1.0 / 20, result.Percentile, 12);
        Assert.True(result.ZScore < -3, $"z = {result.ZScore}");
    }

    [Fact]
    public void The_same_seed_gives_the_same_shuffled_n_cuts()
    {
        var a = Clusterability.Measure(BlockMlp(2), Options(6));
        var b = Clusterability.Measure(BlockMlp(2), Options(6) with { Parallelism = 1 });
        Assert.Equal(a.ShuffledNCuts, b.ShuffledNCuts);
        Assert.Equal(a.NCut, b.NCut);
    }

    [Fact]
    public void Shuffling_permutes_each_weight_tensor_and_leaves_biases_alone()
    {
        var network = BlockMlp(4);
        var before = network.Parameters.Data.ToArray();
        Clusterability.Shuffle(network, new LocalSpec.Numerics.Rng(9));
        foreach (var view in network.Parameters.Views)
        {
            var was = before.AsSpan(view.Offset, view.Length).ToArray();
            var now = network.Parameters.Span(view).ToArray();
            if (view.Kind == ParameterKind.Weight)
            {
                Assert.NotEqual(was, now);
                Assert.Equal(was.Order(), now.Order());
            }
            else
            {
                Assert.Equal(was, now);
            }
        }
    }

    [Fact]
    public void Percentile_counts_shuffles_below_the_true_n_cut_plus_one_over_n_plus_one()
    {
        var r = Clusterability.Summarize(2.0, [1.0, 3.0, 4.0, 5.0]);
        Assert.Equal(2.0 / 5, r.Percentile, 12);
        double mean = 13.0 / 4, sd = Math.Sqrt(((1 - mean) * (1 - mean) + (3 - mean) * (3 - mean) + (4 - mean) * (4 - mean) + (5 - mean) * (5 - mean)) / 3);
        Assert.Equal((2.0 - mean) / sd, r.ZScore, 12);
    }
}
