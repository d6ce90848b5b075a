using LocalSpec.Graphs;
using LocalSpec.Nn;
using LocalSpec.Numerics;

namespace LocalSpec.Partitioning;

/// <summary>Settings of a clusterability test (METHOD.md §8).</summary>
public sealed record ClusterabilityOptions
{
    /// <summary>Shuffled networks to compare with (Filan et al.: MLP 200, CNN 120).</summary>
    public int Shuffles { get; init; } = 200;

    public SpectralClusteringOptions Clustering { get; init; } = new();

    public WeightGraphOptions Graph { get; init; } = new();

    /// <summary>Seeds the shuffles (each shuffle forks its own stream, so results do not depend on scheduling).</summary>
    public ulong Seed { get; init; }

    /// <summary>Shuffles run at once (default: the processor count).</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>The usual shuffle count for a network: 120 when it has convolutions, else 200.</summary>
    public static int DefaultShuffles(Network network) =>
        network.Layers.Any(l => l.Type == LayerType.Conv2d) ? 120 : 200;
}

/// <summary>The trained network's n-cut against those of its weight-shuffled copies.</summary>
/// <param name="Percentile">(#{shuffled &lt; true} + 1)/(n + 1): small = more clusterable than chance.</param>
/// <param name="ZScore">(true − mean(shuffled)) / sd(shuffled), sample SD; negative = more clusterable.</param>
public sealed record ClusterabilityResult(double NCut, IReadOnlyList<double> ShuffledNCuts, double Percentile, double ZScore);

/// <summary>
/// Clusterability (Filan et al. 2021, the paper's predecessor; METHOD.md §8): is the n-cut of the
/// trained network's weight graph lower than that of networks whose weights are shuffled within
/// each layer? A shuffle permutes all entries of every dense/conv weight tensor independently
/// (biases and BatchNorm parameters are kept), which keeps each layer's weight distribution and
/// destroys its structure.
/// </summary>
public static class Clusterability
{
    public static ClusterabilityResult Measure(Network network, ClusterabilityOptions options,
        IProgress<int>? shufflesDone = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Shuffles < 1) throw new ArgumentOutOfRangeException(nameof(options), "at least one shuffle is needed");
        double ncut = NCutOf(network, options);
        var shuffled = new double[options.Shuffles];
        int done = 0;
        var root = new Rng(options.Seed).Fork("clusterability");
        Parallel.For(0, options.Shuffles,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism), CancellationToken = cancel },
            s =>
            {
                var copy = network.Clone();
                Shuffle(copy, root.Fork((ulong)s));
                shuffled[s] = NCutOf(copy, options);
                shufflesDone?.Report(Interlocked.Increment(ref done));
            });
        return Summarize(ncut, shuffled);
    }

    /// <summary>Percentile and z-score of <paramref name="ncut"/> among <paramref name="shuffled"/>.</summary>
    public static ClusterabilityResult Summarize(double ncut, IReadOnlyList<double> shuffled)
    {
        int n = shuffled.Count;
        int below = shuffled.Count(v => v < ncut);
        double mean = shuffled.Average();
        double sd = n > 1 ? Math.Sqrt(shuffled.Sum(v => (v - mean) * (v - mean)) / (n - 1)) : double.NaN;
        double z = sd > 0 ? (ncut - mean) / sd : double.NaN;
        return new ClusterabilityResult(ncut, shuffled, (below + 1.0) / (n + 1), z);
    }

    /// <summary>Permutes every dense/conv weight tensor's entries in place (Fisher–Yates, one stream per tensor).</summary>
    public static void Shuffle(Network network, Rng rng)
    {
        var store = network.Parameters;
        foreach (var view in store.Views.Where(v => v.Kind == ParameterKind.Weight))
            rng.Fork(view.Name).Shuffle(store.Span(view));
    }

    private static double NCutOf(Network network, ClusterabilityOptions options) =>
        SpectralClustering.Cluster(WeightGraph.Build(network, options.Graph), options.Clustering).NCut;
}
