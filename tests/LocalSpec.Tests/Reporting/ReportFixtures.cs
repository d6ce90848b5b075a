using LocalSpec.Reporting;
using LocalSpec.Stats;

namespace LocalSpec.Tests.Reporting;

/// <summary>
/// Report inputs for the tests, built deterministically: statistics computed by the Stats routines
/// from seeded percentiles and effects (so figures and numbers agree), plus hand-made cells for the
/// edge cases (a p-value below the double range, a single subcluster without standard error).
/// </summary>
internal static class ReportFixtures
{
    public static readonly string[] Proxies = ["lesion.acc_drop", "lesion.class_range", "featvis.score", "featvis.entropy"];

    public static readonly (string Graph, string Scope)[] Partitionings =
        [("weights", "network"), ("weights", "layer"), ("activations", "network"), ("activations", "layer")];

    public const string NastyLabel = "MLP_1 & 50% $x$ #2";

    /// <summary>Three experiments: one with a paper row and all 16 cells, one sweeping k, one with a nasty label and edge-case cells.</summary>
    public static ReportInput Golden()
    {
        var cells = new List<ReportCell>();
        ulong seed = 1;
        for (int pi = 0; pi < Partitionings.Length; pi++)
        {
            for (int xi = 0; xi < Proxies.Length; xi++)
            {
                var (graph, scope) = Partitionings[pi];
                bool higher = Proxies[xi] != "featvis.entropy";
                double skew = 1 + 0.35 * ((pi + 2 * xi) % 4);          // some strongly specialized, some null
                double shift = 0.08 * ((pi * 3 + xi) % 5) - 0.12;
                cells.Add(new ReportCell("mlp-mnist10k", "MLP, mnist10k", "MLP, MNIST", graph, scope, 16, Proxies[xi],
                    Replicates(seed++, 3, 24, skew, higher ? shift : -shift, higher)));
            }
        }
        foreach (int k in (int[])[8, 16])
        {
            for (int pi = 0; pi < Partitionings.Length; pi++)
            {
                for (int xi = 0; xi < 2; xi++)
                {
                    var (graph, scope) = Partitionings[pi];
                    double skew = k == 8 ? 1.1 + 0.2 * pi : 1.0 + 0.5 * xi;
                    cells.Add(new ReportCell("cnn-fashion", "CNN, Fashion-MNIST", null, graph, scope, k, Proxies[xi],
                        Replicates(seed++, 2, 20, skew, 0.05 * (pi - 1), true)));
                }
            }
        }
        cells.Add(new ReportCell("mlp-nasty", NastyLabel, "No such network", "weights", "network", 12, "lesion.acc_drop",
            Network(PValue.FromLn(-1000), 9.87, [0.025, 0.025, 0.075, 0.025], [1.9, 1.8, 1.7, 1.95])));
        cells.Add(new ReportCell("mlp-nasty", NastyLabel, "No such network", "activations", "layer", 12, "featvis.score",
            Network(PValue.FromP(0.5), 0.98, [0.475], [1.0])));
        return new ReportInput(cells, []);
    }

    /// <summary>R replicate networks with m subclusters each: percentiles (r + ½)/20 with r = ⌊20 u^skew⌋ (skew &gt; 1 leans to low, i.e. specialized), effects 1 + shift + noise.</summary>
    public static ReplicateProxyStats Replicates(ulong seed, int replicates, int subclusters, double skew, double shift, bool higher)
    {
        var rng = new LocalSpec.Numerics.Rng(seed);
        var networks = new List<NetworkProxyStats>();
        for (int r = 0; r < replicates; r++)
        {
            var percentiles = new double[subclusters];
            var effects = new double[subclusters];
            for (int i = 0; i < subclusters; i++)
            {
                int rank = Math.Min(19, (int)Math.Floor(20 * Math.Pow(rng.NextDouble(), skew)));
                percentiles[i] = (rank + 0.5) / 20;
                effects[i] = Math.Clamp(1 + shift + 0.25 * rng.NextGaussian(), 0, 2);
            }
            networks.Add(new NetworkProxyStats(higher, TieRule.Half, FisherMethod.Combine(percentiles),
                EffectSummary.Of(effects), percentiles, effects));
        }
        return ReplicateProxyStats.Combine(networks);
    }

    /// <summary>One network with given p and F (not recomputed from the percentiles: for edge cases).</summary>
    public static NetworkProxyStats Network(PValue p, double f, double[] percentiles, double[] effects, bool higher = true) =>
        new(higher, TieRule.Half, new FisherResult(percentiles.Length, f, p), EffectSummary.Of(effects), percentiles, effects);

    /// <summary>A cell with a given p-value and effect, for bolding cases.</summary>
    public static ReportCell Cell(string experiment, string graph, string scope, string proxy, double p, double f = 1.5,
        double effectMean = 1.0, double effectSpread = 0.1, string? paperRow = null, int k = 16)
    {
        double[] effects = [effectMean - effectSpread, effectMean, effectMean + effectSpread];
        return new ReportCell(experiment, experiment, paperRow, graph, scope, k, proxy,
            Network(PValue.FromP(p), f, [0.025, 0.5, 0.975], effects));
    }
}
