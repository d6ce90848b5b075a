using System.Globalization;
using LocalSpec.Data;
using LocalSpec.Measures;
using LocalSpec.Nn;
using LocalSpec.Numerics;

namespace LocalSpec.Tests.Measures;

/// <summary>Test data and the fast-versus-naive comparison shared by the lesion tests.</summary>
internal static class LesionOracle
{
    /// <summary>
    /// A native BLAS may round a row differently depending on the batch around it (measured on
    /// OpenBLAS: up to 4e-6 of the near-tie scale), so the naive path's own prediction of a row that
    /// close to a tie depends on its batch size; the managed and reference GEMMs have no such rows.
    /// </summary>
    public const double UndeterminedMargin = 1e-5;

    public static bool RowIndependentBlas => Blas.Current is ManagedBlas or ReferenceBlas;

    /// <summary>N uniform random images of the given shape with uniform random labels.</summary>
    public static LabeledImages RandomImages(ulong seed, int n, int classes, int channels = 1, int height = 28, int width = 28)
    {
        var rng = new Rng(seed);
        var pixels = new float[n * channels * height * width];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = rng.NextSingle();
        var labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = rng.NextInt(classes);
        return new LabeledImages(pixels, labels, channels, height, width);
    }

    /// <summary>
    /// A learnable image task without downloads: each class is a fixed random template of 4 × 4
    /// blocks, each image its class's template plus Gaussian noise, clipped to [0, 1]; train and test
    /// share the templates.
    /// </summary>
    public static (LabeledImages Train, LabeledImages Test) Templates(ulong seed, int train, int test, int classes)
    {
        var rng = new Rng(seed);
        const int size = 28 * 28;
        var blocks = new float[classes * 7 * 7];
        for (int i = 0; i < blocks.Length; i++) blocks[i] = rng.NextSingle();
        var templates = new float[classes * size];
        for (int k = 0; k < classes; k++)
            for (int i = 0; i < size; i++) templates[k * size + i] = blocks[k * 49 + i / 28 / 4 * 7 + i % 28 / 4];
        LabeledImages Draw(int n)
        {
            var pixels = new float[n * size];
            var labels = new int[n];
            for (int j = 0; j < n; j++)
            {
                labels[j] = rng.NextInt(classes);
                for (int i = 0; i < size; i++)
                    pixels[j * size + i] = Math.Clamp(templates[labels[j] * size + i] + (float)(0.6 * rng.NextGaussian()), 0f, 1f);
            }
            return new LabeledImages(pixels, labels, 1, 28, 28);
        }
        return (Draw(train), Draw(test));
    }

    /// <summary><paramref name="count"/> examples in a seeded random order (mnist10k's files are sorted by digit).</summary>
    public static LabeledImages Sample(LabeledImages images, int count, ulong seed) =>
        images.Subset(new Rng(seed).Permutation(images.Count).AsSpan(0, count));

    public static Network Trained(Network network, LabeledImages train, int epochs, int batchSize)
    {
        Trainer.Train(network, train.Pixels, train.Labels, train.Count, new TrainingOptions { Epochs = epochs, BatchSize = batchSize, Seed = 3 });
        return network;
    }

    /// <summary>
    /// Asserts that the fast path predicts every example of every lesion as the naive path does;
    /// with a batch-dependent BLAS, rows whose naive top-two margin lies within that BLAS's noise
    /// are exempt (they are reported in the failure message otherwise).
    /// </summary>
    public static int AssertFastEqualsNaive(LesionEngine engine, int parameterLayer, IReadOnlyList<int[]> sets)
    {
        var site = engine.Site(parameterLayer);
        var fast = engine.Predict(parameterLayer, sets, out var recomputed);
        for (int s = 0; s < sets.Count; s++)
        {
            var naive = engine.NaivePredictions(site, sets[s]);
            for (int e = 0; e < naive.Length; e++)
            {
                if (naive[e] == fast[s][e]) continue;
                double margin = NaiveRelativeMargin(engine, site, sets[s], e);
                Assert.True(!RowIndependentBlas && margin <= UndeterminedMargin, string.Create(CultureInfo.InvariantCulture,
                    $"layers.{parameterLayer}, set {s} (|c| = {sets[s].Length}), example {e}: fast {fast[s][e]}, naive {naive[e]}, naive margin {margin:G3} of the scale"));
            }
        }
        return recomputed.Sum();
    }

    // The naive logits of one example in its Evaluator batch: top-two margin / (1 + |logits|∞ + |intact logits|∞).
    private static double NaiveRelativeMargin(LesionEngine engine, LesionSite site, int[] units, int example)
    {
        int batch = engine.Options.BatchSize, start = example / batch * batch, n = Math.Min(batch, engine.Test.Count - start);
        int size = engine.Test.ExampleSize;
        var x = new Tensor(engine.Test.Pixels.AsSpan(start * size, n * size).ToArray(), [n, .. engine.Network.InputShape]);
        var options = new ForwardOptions { UnitMasks = new Dictionary<int, float[]> { [site.MaskModule] = site.Mask(units) } };
        var row = engine.Network.Forward(x, options).Example(example - start).ToArray();
        var sorted = row.OrderDescending().ToArray();
        double scale = 1 + row.Max(Math.Abs) + engine.BaselineScale[example];
        return (sorted[0] - sorted[1]) / scale;
    }
}
