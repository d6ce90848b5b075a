using LocalSpec.Measures;
using LocalSpec.Nn;
using LocalSpec.Numerics;
using LocalSpec.Tests.Nn;

namespace LocalSpec.Tests.Measures;

/// <summary>The fast path's own forward (planar layout, fused ReLU + pool, cropped convolutions) against the engine's modules.</summary>
public sealed class LesionPlanTests
{
    private static Network BatchNormCnn() => GradientCheck.Build([2, 14, 12], new Conv2dSpec(6, 3, Padding.Same), new ReluSpec(), new MaxPool2dSpec(2),
        new BatchNormSpec(), new Conv2dSpec(5, 3, Padding.Valid), new BatchNormSpec(), new ReluSpec(), new Conv2dSpec(4, 1, Padding.Valid), new ReluSpec(),
        new MaxPool2dSpec(3), new FlattenSpec(), new DenseSpec(7), new ReluSpec(), new BatchNormSpec(), new DropoutSpec(0.5), new DenseSpec(4));

    private static Network BatchNormMlp() => GradientCheck.Build([1, 6, 6], new FlattenSpec(), new DenseSpec(24), new ReluSpec(), new DenseSpec(20),
        new BatchNormSpec(), new ReluSpec(), new DropoutSpec(0.5), new DenseSpec(5));

    public static TheoryData<string, int> Sites => new()
    {
        { "mlp", 0 }, { "mlp", 3 }, { "cnn", 0 }, { "cnn", 1 }, { "cnn", 2 }, { "bn-cnn", 0 }, { "bn-cnn", 2 }, { "bn-cnn", 4 }, { "bn-cnn", 5 },
        { "bn-mlp", 0 }, { "bn-mlp", 1 },
    };

    private static Network Named(string name) => name switch
    {
        "bn-cnn" => BatchNormCnn(),
        "bn-mlp" => BatchNormMlp(),
        _ => GradientCheck.Build([1, 28, 28], [.. Presets.Create(name, [1, 28, 28], 10).Layers]),
    };

    /// <summary>A conv right before a max-pool (ReLU between) leaves its bias to the pool; one before a BatchNorm keeps it.</summary>
    [Fact]
    public void A_conv_before_a_max_pool_leaves_its_bias_to_the_pool()
    {
        var cnn = LesionPlan.Build(Named("cnn"), LesionSite.Resolve(Named("cnn"), 0));
        var conv = Assert.Single(cnn.Steps.OfType<LesionConvStep>());
        Assert.Null(conv.Bias);
        Assert.IsType<LesionPoolStep>(cnn.Steps[cnn.Steps.ToList().IndexOf(conv) + 1]);
        var bn = Named("bn-cnn");
        Assert.Null(Assert.Single(LesionPlan.Build(bn, LesionSite.Resolve(bn, 0)).Steps.OfType<LesionConvStep>()).Bias); // conv 4@1×1 → ReLU → max-pool
        var normed = GradientCheck.Build([1, 8, 8], new Conv2dSpec(4, 3, Padding.Same), new ReluSpec(), new Conv2dSpec(3, 3, Padding.Same), new ReluSpec(),
            new Conv2dSpec(3, 3, Padding.Same), new BatchNormSpec(), new ReluSpec(), new MaxPool2dSpec(2), new FlattenSpec(), new DenseSpec(3));
        Assert.NotNull(Assert.Single(LesionPlan.Build(normed, LesionSite.Resolve(normed, 0)).Steps.OfType<LesionConvStep>()).Bias); // conv → BatchNorm
    }

    [Theory]
    [MemberData(nameof(Sites))]
    public void The_fast_logits_of_a_lesion_match_the_masked_forward_to_float_rounding(string name, int parameterLayer)
    {
        var network = Named(name);
        var images = LesionOracle.RandomImages(21, 9, network.OutputShape[0], network.InputShape[0], network.InputShape[1], network.InputShape[2]);
        var x = new Tensor(images.Pixels, [images.Count, .. network.InputShape]);
        var site = LesionSite.Resolve(network, parameterLayer);
        var plan = LesionPlan.Build(network, site);
        int[][] lesions = [[], [.. new Rng(22).SampleWithoutReplacement(site.Units, Math.Max(1, site.Units / 3))]];
        int k = network.OutputShape[0], n = images.Count;
        foreach (var compute in new[] { LesionCompute.Worker, LesionCompute.Shared })
        {
            float[] fast = FastLogits(network, plan, x, lesions, compute);
            for (int l = 0; l < lesions.Length; l++)
            {
                var options = new ForwardOptions { UnitMasks = new Dictionary<int, float[]> { [site.MaskModule] = site.Mask(lesions[l]) } };
                var naive = network.Forward(x, options).Data;
                double scale = naive.Max(Math.Abs) + 1;
                for (int j = 0; j < n * k; j++)
                    Assert.True(Math.Abs(fast[l * n * k + j] - naive[j]) <= 1e-5 * scale, $"lesion {l}, logit {j}: fast {fast[l * n * k + j]}, naive {naive[j]}");
            }
        }
    }

    // Logits [g·n, K] of the plan for every lesion, as LesionFastPath computes them (one chunk, one batch).
    private static float[] FastLogits(Network network, LesionPlan plan, Tensor x, int[][] lesions, LesionCompute compute)
    {
        int n = x.BatchSize, aLength = network.Layers[plan.Site.MaskModule].OutputLength;
        var a = new float[n * aLength];
        var next = network.Forward(x, new ForwardOptions
        {
            To = plan.Site.NextModule,
            Capture = (m, t) => { if (m == plan.Site.MaskModule) t.Data.CopyTo(a, 0); },
        });
        var z = new float[n * plan.Entry.CacheLength];
        plan.Entry.Load(next.Data, n, z);
        int rows = lesions.Length * n;
        float[][] buffers = [new float[rows * plan.RowLength], new float[rows * plan.RowLength]];
        var scratch = new float[Math.Max(plan.MinimumScratch, 1 << 16)];
        plan.Entry.Fill(z, a, n, 0, n, lesions, buffers[0], scratch, compute);
        int current = 0;
        foreach (var step in plan.Steps)
        {
            if (step.InPlace)
            {
                step.Run(buffers[current], buffers[current], rows, scratch, scratch.Length, compute);
                continue;
            }
            step.Run(buffers[current], buffers[1 - current], rows, scratch, scratch.Length, compute);
            current = 1 - current;
        }
        return buffers[current].AsSpan(0, rows * network.OutputShape[0]).ToArray();
    }

    [Theory]
    [InlineData(2, 9, 12, false)]
    [InlineData(2, 10, 7, true)]
    [InlineData(3, 11, 10, true)]
    [InlineData(2, 26, 26, true)]
    public void The_pool_step_equals_the_engine_max_pool_value_for_value_and_propagates_nan(int size, int height, int width, bool rectify)
    {
        const int channels = 3, rows = 4;
        var network = GradientCheck.Build([channels, height, width], new ReluSpec(), new MaxPool2dSpec(size), new FlattenSpec(), new DenseSpec(2));
        var x = GradientCheck.Random(31, rows, channels, height, width);
        x.Data[0] = float.NaN;
        var expected = network.Forward(x, new ForwardOptions { From = rectify ? 0 : 1, To = 1 }).Data;
        // planar [C, R, H, W] from the engine's [R, C, H, W]
        var planar = new float[x.Length];
        int plane = height * width;
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < channels; c++) x.Data.AsSpan((r * channels + c) * plane, plane).CopyTo(planar.AsSpan((c * rows + r) * plane));
        var step = new LesionPoolStep(new LesionShape(channels, height, width, true), size, rectify);
        var y = new float[rows * step.Output.Length];
        step.Run(planar, y, rows, [], 0, LesionCompute.Worker);
        int outPlane = step.Output.Plane;
        Assert.Equal(network.Layers[1].OutputShape[1] * network.Layers[1].OutputShape[2], outPlane);
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < channels; c++)
                Assert.Equal(expected.AsSpan((r * channels + c) * outPlane, outPlane).ToArray(), y.AsSpan((c * rows + r) * outPlane, outPlane).ToArray());
        Assert.True(float.IsNaN(y[0]));
    }
}
