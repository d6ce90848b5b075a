using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using LocalSpec.Nn;
using LocalSpec.Numerics;

namespace LocalSpec.Benchmarks;

/// <summary>
/// One training epoch of the mlp preset on 8,000 examples of 1×28×28 (uniform random pixels, as
/// the PyTorch reference script uses), batch 128, Adam: the same work as
/// tools/reference/torch_mlp_epoch_bench.py, whose time (measured by Program before the run)
/// the ratio columns divide by ours. BLAS: <see cref="Blas.Current"/> (printed at setup).
/// </summary>
[Config(typeof(Config))]
public class TrainingBenchmarks
{
    public const int Examples = 8000;

    private Network _network = null!;
    private float[] _x = [];
    private int[] _y = [];
    private TrainingOptions _options = null!;

    [GlobalSetup]
    public void Setup()
    {
        Console.WriteLine($"// BLAS: {Blas.Current.Description}");
        var rng = new Rng(7);
        _x = new float[Examples * 784];
        for (int i = 0; i < _x.Length; i++) _x[i] = rng.NextSingle();
        _y = new int[Examples];
        for (int i = 0; i < _y.Length; i++) _y[i] = rng.NextInt(10);
        _network = Network.Create(Presets.Create("mlp", [1, 28, 28], 10), Trainer.InitRng(0));
        _options = new TrainingOptions { Epochs = 1, BatchSize = 128, Seed = 0 };
    }

    [Benchmark]
    public TrainingResult MlpEpoch() => Trainer.Train(_network, _x, _y, Examples, _options);

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddColumn(new ReferenceRatioColumn(PyTorchReference.Suite, PyTorchReference.AsInstalled));
            AddColumn(new ReferenceRatioColumn(PyTorchReference.Suite, PyTorchReference.BestSettings));
        }
    }
}
