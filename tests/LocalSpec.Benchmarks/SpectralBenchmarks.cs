using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using LocalSpec.Partitioning;

namespace LocalSpec.Benchmarks;

/// <summary>
/// Normalized spectral clustering with the default options (k = 16, n_init = 25, the restart of
/// the lowest n-cut kept), eigenvectors and k-means and n-cut, on the 1,818-node mnist10k MLP weight graph and a 4,224-node VGG-like
/// channel graph (<see cref="SpectralWorkloads"/>); scikit-learn 1.2 on the same graphs is
/// measured first in the same run (<see cref="SpectralSklearnReference"/>).
/// Run: <c>dotnet run -c Release --project tests/LocalSpec.Benchmarks -- --filter *Spectral* --job short</c>.
/// </summary>
[Config(typeof(Config))]
public class SpectralBenchmarks
{
    private static readonly SpectralClusteringOptions Options = new() { K = 16, Restarts = 25, Seed = 0 };
    private static readonly SpectralClusteringOptions ByInertia = Options with { Selection = RestartSelection.Inertia };

    private float[] _mlp = [], _vgg = [];
    private int _mlpNodes, _vggNodes;

    [GlobalSetup]
    public void Setup()
    {
        _mlp = SpectralWorkloads.Mlp(Program.RepoRoot(), out _mlpNodes);
        _vgg = SpectralWorkloads.Vgg(out _vggNodes);
        foreach (var (name, a, n) in new[] { ("mlp", _mlp, _mlpNodes), ("vgg", _vgg, _vggNodes) })
        {
            SpectralClusteringResult r = SpectralClustering.Cluster(a, n, new bool[n], Options);
            SpectralClusteringResult s = SpectralClustering.Cluster(a, n, new bool[n], ByInertia);
            Console.WriteLine($"// {name}: {n} nodes, n-cut {r.NCut:F4} (select: inertia {s.NCut:F4}), inertia {r.Inertia:F5} (select: inertia {s.Inertia:F5}), {r.Solver}, eigen residual {r.EigenResidual:G3}");
        }
    }

    [Benchmark]
    public SpectralClusteringResult MlpWeightGraph() => SpectralClustering.Cluster(_mlp, _mlpNodes, new bool[_mlpNodes], Options);

    [Benchmark]
    public SpectralClusteringResult VggChannelGraph() => SpectralClustering.Cluster(_vgg, _vggNodes, new bool[_vggNodes], Options);

    /// <summary>The same with <see cref="RestartSelection.Inertia"/> (scikit-learn's rule): without scoring the 25 restarts' n-cuts.</summary>
    [Benchmark]
    public SpectralClusteringResult MlpWeightGraphInertiaSelection() => SpectralClustering.Cluster(_mlp, _mlpNodes, new bool[_mlpNodes], ByInertia);

    [Benchmark]
    public SpectralClusteringResult VggChannelGraphInertiaSelection() => SpectralClustering.Cluster(_vgg, _vggNodes, new bool[_vggNodes], ByInertia);

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddColumn(new ReferenceRatioColumn(SpectralSklearnReference.Suite, SpectralSklearnReference.Label, seconds: true));
            AddColumn(new ReferenceRatioColumn(SpectralSklearnReference.Suite, SpectralSklearnReference.Label));
        }
    }
}
