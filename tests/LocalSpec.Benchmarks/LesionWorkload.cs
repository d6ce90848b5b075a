using LocalSpec.Data;
using LocalSpec.Measures;
using LocalSpec.Nn;
using LocalSpec.Numerics;

namespace LocalSpec.Benchmarks;

/// <summary>
/// The lesion work of one partitioning of a preset network, simulated since the partitioning code
/// is not needed to measure it: per hidden layer (mlp: 4 × 256 units; cnn: 3 conv layers × 64
/// channels) every unit gets one of 16 cluster labels uniformly at random (seeded), every
/// subcluster with 2 ≤ size &lt; units is analysed, and each contributes itself plus
/// <see cref="RandomControls.DefaultCount"/> random sets of its size: about 16 subclusters × 20
/// lesions per layer. Test set: mnist10k's 2,004 test images, or as many uniform random images
/// of the same shape when mnist10k cannot be loaded.
/// </summary>
internal sealed class LesionWorkload
{
    public const int Clusters = 16;

    private LesionWorkload(string preset, Network network, LabeledImages test, string data)
    {
        Preset = preset;
        Network = network;
        Test = test;
        Data = data;
        Sets = Partition(preset);
    }

    public string Preset { get; }

    public Network Network { get; }

    public LabeledImages Test { get; }

    /// <summary>Where the test set and the weights came from.</summary>
    public string Data { get; }

    /// <summary>Unit sets per hidden parameter layer (layers.0 …).</summary>
    public IReadOnlyList<int[][]> Sets { get; }

    public int Lesions => Sets.Sum(s => s.Length);

    /// <summary>The simulated partitioning's unit sets per hidden layer; a pure function of the preset name.</summary>
    public static int[][][] Partition(string preset)
    {
        (int layers, int units) = preset switch
        {
            "mlp" => (4, 256),
            "cnn" => (3, 64),
            _ => throw new ArgumentException($"no lesion workload for '{preset}'", nameof(preset)),
        };
        var root = new Rng(2025);
        int[] all = [.. Enumerable.Range(0, units)];
        var sets = new int[layers][][];
        for (int i = 0; i < layers; i++)
        {
            var labels = root.Fork("labels").Fork((ulong)i);
            int[] label = [.. all.Select(_ => labels.NextInt(Clusters))];
            var layer = new List<int[]>();
            for (int c = 0; c < Clusters; c++)
            {
                int[] members = [.. all.Where(u => label[u] == c)];
                if (members.Length < 2 || members.Length >= units) continue;
                layer.Add(members);
                layer.AddRange(RandomControls.Draw(root, i, c, all, members.Length));
            }
            sets[i] = [.. layer];
        }
        return sets;
    }

    /// <summary>
    /// The preset briefly trained on mnist10k (mlp: 2 epochs; cnn: 1 epoch on 2,000 examples) with its
    /// test set, or with random weights and random test images when mnist10k is unavailable.
    /// </summary>
    public static LesionWorkload Create(string preset)
    {
        var network = Network.Create(Presets.Create(preset, [1, 28, 28], 10), Trainer.InitRng(0));
        Dataset data;
        try
        {
            data = DatasetCatalog.Load("mnist10k", DataStore.FromEnvironment());
        }
        catch (DataException e)
        {
            var rng = new Rng(7);
            var pixels = new float[2004 * 784];
            for (int i = 0; i < pixels.Length; i++) pixels[i] = rng.NextSingle();
            int[] labels = [.. Enumerable.Range(0, 2004).Select(_ => rng.NextInt(10))];
            return new LesionWorkload(preset, network, new LabeledImages(pixels, labels, 1, 28, 28), $"random weights and images (mnist10k: {e.Message})");
        }
        var train = preset == "mlp" ? data.Train : data.Train.Subset(new Rng(1).Permutation(data.Train.Count).AsSpan(0, 2000));
        var options = preset == "mlp" ? new TrainingOptions { Epochs = 2, BatchSize = 128 } : new TrainingOptions { Epochs = 1, BatchSize = 64 };
        Trainer.Train(network, train.Pixels, train.Labels, train.Count, options);
        return new LesionWorkload(preset, network, data.Test, $"mnist10k, {options.Epochs} epoch(s) on {train.Count} examples");
    }

    /// <summary>Every lesion of the partitioning; returns the number of outcomes (so the work cannot be skipped).</summary>
    public int Run(LesionEngine engine) => Run(engine, Sets);

    /// <summary>The first <paramref name="perLayer"/> lesions of each layer.</summary>
    public int RunSample(LesionEngine engine, int perLayer) => Run(engine, [.. Sets.Select(s => s.Take(perLayer).ToArray())]);

    private static int Run(LesionEngine engine, IReadOnlyList<int[][]> sets)
    {
        int outcomes = 0;
        for (int i = 0; i < sets.Count; i++) outcomes += engine.Evaluate(i, sets[i]).Outcomes.Count;
        return outcomes;
    }
}
