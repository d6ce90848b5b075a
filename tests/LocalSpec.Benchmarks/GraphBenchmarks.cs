using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using LocalSpec.Data;
using LocalSpec.Graphs;
using LocalSpec.Nn;
using LocalSpec.Numerics;

namespace LocalSpec.Benchmarks;

/// <summary>
/// The graph stage's two heaviest fixed workloads, with numpy/scipy's time for the same work
/// (tools/reference/graph_bench.py, measured by Program before the run) in the ratio columns:
/// the mlp activation graph (1,024 hidden units × 5,000 of 8,000 uniform random 1×28×28 examples,
/// forward passes included; target: under 2 s) and the vgg-cifar weight graph (4,224 channels).
/// Both networks are Glorot-initialised from seed 0. BLAS: <see cref="Blas.Current"/> (printed at setup).
/// </summary>
[Config(typeof(Config))]
public class GraphBenchmarks
{
    private Network _mlp = null!;
    private Network _vgg = null!;
    private LabeledImages _images = null!;

    [GlobalSetup]
    public void Setup()
    {
        Console.WriteLine($"// BLAS: {Blas.Current.Description}");
        var rng = new Rng(7);
        var pixels = new float[8000 * 784];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = rng.NextSingle();
        _images = new LabeledImages(pixels, new int[8000], 1, 28, 28);
        _mlp = Network.Create(Presets.Create("mlp", [1, 28, 28], 10), new Rng(0));
        _vgg = Network.Create(Presets.Create("vgg-cifar", [3, 32, 32], 10), new Rng(0));
    }

    [Benchmark]
    public NeuronGraph MlpActivationGraph() => ActivationGraph.Build(_mlp, _images, new ActivationGraphOptions { MaxExamples = 5000 });

    [Benchmark]
    public NeuronGraph VggCifarWeightGraph() => WeightGraph.Build(_vgg);

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddColumn(new ReferenceRatioColumn(GraphScipyReference.Suite, GraphScipyReference.AsInstalled));
            AddColumn(new ReferenceRatioColumn(GraphScipyReference.Suite, GraphScipyReference.WithOpenBlas));
        }
    }
}
