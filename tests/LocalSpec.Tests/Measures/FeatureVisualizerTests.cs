using LocalSpec.Measures;
using LocalSpec.Nn;
using LocalSpec.Numerics;
using LocalSpec.Tests.TestSupport;

namespace LocalSpec.Tests.Measures;

public sealed class FeatureVisualizerTests
{
    private static Network SmallMlp() => Network.Create(new ArchitectureSpec([1, 8, 8],
        [new FlattenSpec(), new DenseSpec(16), new ReluSpec(), new DenseSpec(16), new ReluSpec(), new DenseSpec(5)]), new Rng(3));

    private static Network SmallCnn() => Network.Create(new ArchitectureSpec([2, 8, 8],
        [new Conv2dSpec(4, 3, Padding.Same), new ReluSpec(), new Conv2dSpec(5, 3, Padding.Valid), new ReluSpec(), new FlattenSpec(), new DenseSpec(3)]), new Rng(4));

    private static readonly int[][] MlpSets = [[0, 1, 2], [3, 4], [5, 6, 7, 8], [9], [10, 11, 12, 13, 14, 15]];

    /// <summary>Mean over every visualisation of the objective after t updates.</summary>
    private static double[] MeanTrace(IEnumerable<FeatureVisResult> results)
    {
        var all = results.SelectMany(r => r.Visualizations).ToArray();
        return Enumerable.Range(0, all[0].Objective.Length).Select(t => all.Average(v => v.Objective[t])).ToArray();
    }

    private static void AssertRises(double[] mean)
    {
        Assert.True(mean[99] > mean[50] && mean[50] > mean[10] && mean[10] > mean[0],
            $"mean objective at steps 0, 10, 50, 99: {mean[0]}, {mean[10]}, {mean[50]}, {mean[99]}");
        // 10-step moving average: never falls by more than 2 % of the total rise
        double tolerance = 0.02 * (mean[99] - mean[0]);
        var average = Enumerable.Range(0, mean.Length - 9).Select(t => mean.Skip(t).Take(10).Average()).ToArray();
        for (int t = 1; t < average.Length; t++)
            Assert.True(average[t] >= average[t - 1] - tolerance, $"moving average falls at step {t}: {average[t - 1]} → {average[t]}");
    }

    [Fact]
    public void Objective_rises_over_the_steps_on_an_mlp()
    {
        var network = SmallMlp();
        var results = new ulong[] { 1, 2, 3 }.SelectMany(seed => new[] { 0, 1 }.Select(layer =>
            new FeatureVisualizer(network, new FeatureVisOptions { Seed = seed }).Visualize(layer, MlpSets)));
        AssertRises(MeanTrace(results));
    }

    [Fact]
    public void Objective_rises_over_the_steps_on_a_cnn()
    {
        var network = SmallCnn();
        int[][] sets = [[0], [1, 2], [3, 0]];
        var visualizer = new FeatureVisualizer(network, new FeatureVisOptions { Seed = 5 });
        var results = Enumerable.Range(0, 2).Select(layer => visualizer.Visualize(layer, sets)).ToArray();
        AssertRises(MeanTrace(results));
        foreach (var v in results.SelectMany(r => r.Visualizations)) Assert.True(v.Score > v.Objective[0], $"{v.Score} vs start {v.Objective[0]}");
    }

    [Fact]
    public void Objective_rises_with_the_paper_settings_on_a_trained_mnist_mlp()
    {
        var network = ModelFile.Load(RepoPaths.Fixture("torch", "mlp_mnist10k.safetensors"), Presets.Create("mlp", [1, 28, 28], 10));
        var rng = new Rng(21);
        var requests = Enumerable.Range(0, 4).Select(layer => new FeatureVisRequest(layer,
            Enumerable.Range(0, 5).Select(_ => rng.SampleWithoutReplacement(256, 16)).ToArray(), (ulong)layer)).ToArray();
        var results = new FeatureVisualizer(network).VisualizeAll(requests);
        AssertRises(MeanTrace(results));
        Assert.All(results.SelectMany(r => r.Visualizations), v => Assert.InRange(v.Entropy, 0, Math.Log(10)));
    }

    [Fact]
    public void The_same_seed_gives_identical_images_and_scores()
    {
        var network = SmallCnn();
        var options = new FeatureVisOptions { Seed = 11, Steps = 20 };
        var a = new FeatureVisualizer(network, options).Visualize(1, [[0, 1], [4]], id: 3);
        var b = new FeatureVisualizer(network.Clone(), options).Visualize(1, [[0, 1], [4]], id: 3);
        for (int j = 0; j < 2; j++)
        {
            Assert.Equal(a.Visualizations[j].Image, b.Visualizations[j].Image);
            Assert.Equal(a.Visualizations[j].Score, b.Visualizations[j].Score);
            Assert.Equal(a.Visualizations[j].Entropy, b.Visualizations[j].Entropy);
            Assert.Equal(a.Visualizations[j].Objective, b.Visualizations[j].Objective);
        }
    }

    [Fact]
    public void Parallel_batches_give_the_same_results_as_one_at_a_time()
    {
        var network = SmallMlp();
        var requests = Enumerable.Range(0, 6).Select(r => new FeatureVisRequest(r % 2, MlpSets.Skip(r % 3).ToArray(), (ulong)r)).ToArray();
        var parallel = new FeatureVisualizer(network, new FeatureVisOptions { Seed = 2, Steps = 15, MaxParallelism = 3 }).VisualizeAll(requests);
        var sequential = new FeatureVisualizer(network, new FeatureVisOptions { Seed = 2, Steps = 15 });
        for (int r = 0; r < requests.Length; r++)
        {
            var expected = sequential.Visualize(requests[r]);
            Assert.Equal((expected.ParameterLayer, expected.Id), (parallel[r].ParameterLayer, parallel[r].Id));
            for (int j = 0; j < expected.Visualizations.Count; j++)
            {
                Assert.Equal(expected.Visualizations[j].Image, parallel[r].Visualizations[j].Image);
                Assert.Equal(expected.Visualizations[j].Score, parallel[r].Visualizations[j].Score);
            }
        }
    }

    [Fact]
    public void Different_seeds_and_ids_give_different_images()
    {
        var network = SmallMlp();
        FeatureVisualization Run(ulong seed, ulong id) =>
            new FeatureVisualizer(network, new FeatureVisOptions { Seed = seed, Steps = 10 }).Visualize(0, [[0, 1, 2]], id).Visualizations[0];
        var baseline = Run(1, 0);
        foreach (var other in new[] { Run(2, 0), Run(1, 1) })
        {
            Assert.NotEqual(baseline.Image, other.Image);
            Assert.NotEqual(baseline.Score, other.Score);
        }
    }

    [Fact]
    public void The_values_do_not_depend_on_the_process_blas()
    {
        var network = SmallCnn();
        var visualizer = new FeatureVisualizer(network, new FeatureVisOptions { Seed = 4, Steps = 6 });
        int[][] sets = [[0, 2], [1], [3, 4]];
        var usual = visualizer.Visualize(1, sets);
        FeatureVisResult other;
        using (Blas.OnThisThread(new ReferenceBlas()))
            other = visualizer.Visualize(1, sets);
        for (int j = 0; j < sets.Length; j++)
        {
            Assert.Equal(usual.Visualizations[j].Image, other.Visualizations[j].Image);
            Assert.Equal(usual.Visualizations[j].Score, other.Visualizations[j].Score);
            Assert.Equal(usual.Visualizations[j].Entropy, other.Visualizations[j].Entropy);
        }
    }

    [Fact]
    public void Score_and_entropy_come_from_the_final_unjittered_image()
    {
        var network = SmallCnn();
        var result = new FeatureVisualizer(network, new FeatureVisOptions { Seed = 8, Steps = 12 }).Visualize(1, [[0, 2], [1], [3, 4]]);
        var x = new Tensor(result.Visualizations.SelectMany(v => v.Image).ToArray(), [3, .. result.ImageShape]);
        float[]? a = null;
        Tensor logits;
        // the visualizer computes on one thread with a one-thread managed GEMM; so does this forward pass
        using (Blas.OnThisThread(new ManagedBlas(threads: 1)))
            logits = network.Forward(x, new ForwardOptions { Capture = (m, t) => { if (m == 2) a = (float[])t.Data.Clone(); } });
        for (int j = 0; j < 3; j++)
        {
            var v = result.Visualizations[j];
            // conv 2 output [5, 6, 6]: hand-summed |a| over the set's channels
            double expected = v.Units.Sum(u => Enumerable.Range(0, 36).Sum(p => (double)Math.Abs(a![j * 180 + u * 36 + p])));
            Assert.Equal(expected, v.Score, 1e-9 * expected);
            var z = logits.Data.AsSpan(j * 3, 3).ToArray();
            double[] e = z.Select(q => Math.Exp(q)).ToArray();
            Assert.Equal(-e.Sum(q => q / e.Sum() * Math.Log(q / e.Sum())), v.Entropy, 1e-9);
            Assert.InRange(v.Entropy, 0, Math.Log(3));
            Assert.Equal(12, v.Objective.Length);
            Assert.All(v.Image, p => Assert.InRange(p, 0f, 1f));
        }
    }

    [Fact]
    public void Without_jitter_the_score_continues_the_objective_trace()
    {
        // with no shift the trace is the un-jittered objective; one more Adam step moves it past the last entry
        var network = SmallMlp();
        var result = new FeatureVisualizer(network, new FeatureVisOptions { Seed = 4, Jitter = 0, Steps = 30 }).Visualize(1, MlpSets);
        foreach (var v in result.Visualizations) Assert.True(v.Score > v.Objective[^1], $"{v.Score} vs {v.Objective[^1]}");
    }

    [Fact]
    public void Eval_mode_leaves_parameters_and_batchnorm_statistics_unchanged()
    {
        var network = GradientCheckNet();
        float[] before = (float[])network.Parameters.Data.Clone();
        var first = new FeatureVisualizer(network, new FeatureVisOptions { Steps = 5 }).Visualize(0, [[0], [1, 2]]);
        Assert.Equal(before, network.Parameters.Data);
        var second = new FeatureVisualizer(network, new FeatureVisOptions { Steps = 5 }).Visualize(0, [[0], [1, 2]]);
        Assert.Equal(first.Visualizations[1].Image, second.Visualizations[1].Image);
    }

    private static Network GradientCheckNet() => Tests.Nn.GradientCheck.Build([1, 6, 6],
        new Conv2dSpec(3, 3, Padding.Same), new ReluSpec(), new BatchNormSpec(), new DropoutSpec(0.5), new FlattenSpec(), new DenseSpec(2));

    [Fact]
    public void Bad_requests_are_rejected_with_a_clear_message()
    {
        var visualizer = new FeatureVisualizer(GradientCheckNet());
        Assert.Contains("layers.3 does not exist", Assert.Throws<ArgumentException>(() => visualizer.Visualize(3, [[0]])).Message);
        Assert.Contains("batchnorm", Assert.Throws<ArgumentException>(() => visualizer.Visualize(1, [[0]])).Message);
        Assert.Contains("names unit 3", Assert.Throws<ArgumentException>(() => visualizer.Visualize(0, [[0], [3]])).Message);
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => visualizer.Visualize(0, [[]])).Message);
        Assert.Contains("twice", Assert.Throws<ArgumentException>(() => visualizer.Visualize(0, [[1, 1]])).Message);
        Assert.Contains("no unit sets", Assert.Throws<ArgumentException>(() => visualizer.Visualize(0, [])).Message);
        Assert.Contains("requests[1]", Assert.Throws<ArgumentException>(() => visualizer.VisualizeAll([new(0, [[0]]), new(0, [[7]])])).Message);
        Assert.Throws<ArgumentException>(() => new FeatureVisualizer(GradientCheckNet(), new FeatureVisOptions { Steps = 0 }));
        Assert.Throws<ArgumentException>(() => new FeatureVisualizer(GradientCheckNet(), new FeatureVisOptions { Jitter = -1 }));
    }
}
