using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using LocalSpec.Measures;
using LocalSpec.Numerics;

namespace LocalSpec.Benchmarks;

/// <summary>
/// All lesion measurements of one simulated partitioning (<see cref="LesionWorkload"/>; issue 5):
/// every analysed subcluster and its 19 random controls, each scored on the whole test set.
/// mlp: the naive path (one masked forward pass per lesion) is the baseline of the ratio column.
/// cnn: the naive path takes about a second per lesion, so it is measured on the first lesion of
/// each layer only; compare the "ms / lesion" column.
/// Run: <c>dotnet run -c Release --project tests/LocalSpec.Benchmarks -- --filter *LesionBenchmarks*</c>
/// (add <c>*Mlp*</c> for the quick half). BLAS: <see cref="Blas.Current"/> (printed at setup).
/// </summary>
[Config(typeof(Config))]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class LesionBenchmarks
{
    public const int CnnNaiveLesionsPerLayer = 1;

    private LesionWorkload _mlp = null!, _cnn = null!;
    private LesionEngine _mlpFast = null!, _mlpNaive = null!, _cnnFast = null!, _cnnNaive = null!;

    [GlobalSetup(Targets = [nameof(MlpNaive), nameof(MlpFast)])]
    public void SetupMlp()
    {
        _mlp = Describe(LesionWorkload.Create("mlp"));
        _mlpFast = LesionEngine.Create(_mlp.Network, _mlp.Test);
        _mlpNaive = LesionEngine.Create(_mlp.Network, _mlp.Test, new LesionOptions { Method = LesionMethod.Naive });
    }

    [GlobalSetup(Targets = [nameof(CnnNaive), nameof(CnnFast)])]
    public void SetupCnn()
    {
        _cnn = Describe(LesionWorkload.Create("cnn"));
        _cnnFast = LesionEngine.Create(_cnn.Network, _cnn.Test);
        _cnnNaive = LesionEngine.Create(_cnn.Network, _cnn.Test, new LesionOptions { Method = LesionMethod.Naive });
    }

    [Benchmark(Baseline = true), BenchmarkCategory("mlp")]
    public int MlpNaive() => _mlp.Run(_mlpNaive);

    [Benchmark, BenchmarkCategory("mlp")]
    public int MlpFast() => _mlp.Run(_mlpFast);

    [Benchmark(Baseline = true), BenchmarkCategory("cnn")]
    public int CnnNaive() => _cnn.RunSample(_cnnNaive, CnnNaiveLesionsPerLayer);

    [Benchmark, BenchmarkCategory("cnn")]
    public int CnnFast() => _cnn.Run(_cnnFast);

    /// <summary>Lesions each benchmark evaluates per invocation (for the per-lesion column).</summary>
    public static int LesionsOf(string method) => method switch
    {
        nameof(MlpNaive) or nameof(MlpFast) => LesionWorkload.Partition("mlp").Sum(s => s.Length),
        nameof(CnnNaive) => LesionWorkload.Partition("cnn").Sum(s => Math.Min(s.Length, CnnNaiveLesionsPerLayer)),
        nameof(CnnFast) => LesionWorkload.Partition("cnn").Sum(s => s.Length),
        _ => 0,
    };

    private static LesionWorkload Describe(LesionWorkload workload)
    {
        Console.WriteLine($"// BLAS: {Blas.Current.Description}");
        Console.WriteLine($"// {workload.Preset}: {workload.Data}; {workload.Test.Count} test examples; {workload.Lesions} lesions " +
            $"({string.Join(" + ", workload.Sets.Select(s => s.Length))} over layers.0…)");
        return workload;
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory);
            AddColumn(new LesionPerLesionColumn(LesionsOf));
        }
    }
}
