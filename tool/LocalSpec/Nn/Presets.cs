namespace LocalSpec.Nn;

/// <summary>The paper's networks (METHOD.md §1, ENGINE-CONTRACT.md "Presets").</summary>
public static class Presets
{
    public static IReadOnlyList<string> Names { get; } = ["mlp", "cnn", "vgg-cifar"];

    /// <summary>
    /// The preset's architecture for one example of shape <paramref name="inputShape"/> ([C, H, W])
    /// and <paramref name="classes"/> outputs; validated, so an input too small for the preset fails here.
    /// </summary>
    public static ArchitectureSpec Create(string name, int[] inputShape, int classes)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(inputShape);
        if (classes < 1)
            throw new ArchitectureException($"network '{name}': the class count must be positive (got {classes})");
        IEnumerable<LayerSpec> layers = name switch
        {
            "mlp" => Mlp(classes),
            "cnn" => Cnn(classes),
            "vgg-cifar" => VggCifar(classes),
            _ => throw new ArchitectureException($"unknown network preset '{name}' (known: {string.Join(", ", Names)})"),
        };
        var spec = new ArchitectureSpec(inputShape, layers);
        try
        {
            spec.Validate();
        }
        catch (ArchitectureException e)
        {
            throw new ArchitectureException($"network '{name}' does not fit input {Tensor.Format(inputShape)}: {e.Message}", e);
        }
        return spec;
    }

    /// <summary>The paper's training settings for the preset (METHOD.md §1); Seed stays 0.</summary>
    public static TrainingOptions TrainingDefaults(string name) => name switch
    {
        "mlp" => new TrainingOptions { Epochs = 20, BatchSize = 128 },
        "cnn" => new TrainingOptions { Epochs = 10, BatchSize = 64 },
        "vgg-cifar" => new TrainingOptions { Epochs = 200, BatchSize = 128, Adam = new AdamOptions { L2 = 5e-4 } },
        _ => throw new ArchitectureException($"unknown network preset '{name}' (known: {string.Join(", ", Names)})"),
    };

    private static IEnumerable<LayerSpec> Mlp(int classes)
    {
        yield return new FlattenSpec();
        for (int i = 0; i < 4; i++)
        {
            yield return new DenseSpec(256);
            yield return new ReluSpec();
        }
        yield return new DenseSpec(classes);
    }

    private static IEnumerable<LayerSpec> Cnn(int classes) =>
    [
        new Conv2dSpec(64, 3, Padding.Same), new ReluSpec(),
        new Conv2dSpec(64, 3, Padding.Valid), new ReluSpec(), new MaxPool2dSpec(2),
        new Conv2dSpec(64, 3, Padding.Valid), new ReluSpec(), new MaxPool2dSpec(2),
        new FlattenSpec(),
        new DenseSpec(128), new ReluSpec(),
        new DenseSpec(classes),
    ];

    /// <summary>
    /// Each conv: conv → relu → [maxpool after a group's last conv] → batchnorm → [dropout 0.3 after
    /// the first conv, 0.4 after every other conv not followed by a pool]. BatchNorm uses the Keras
    /// defaults the paper's code ran with (eps 1e-3, Keras momentum 0.99 = PyTorch momentum 0.01).
    /// </summary>
    private static IEnumerable<LayerSpec> VggCifar(int classes)
    {
        int[][] groups = [[64, 64], [128, 128], [256, 256, 256], [512, 512, 512], [512, 512, 512]];
        var batchNorm = new BatchNormSpec(Eps: 1e-3, Momentum: 0.01);
        bool first = true;
        foreach (int[] group in groups)
        {
            for (int j = 0; j < group.Length; j++)
            {
                bool last = j == group.Length - 1;
                yield return new Conv2dSpec(group[j], 3, Padding.Same);
                yield return new ReluSpec();
                if (last) yield return new MaxPool2dSpec(2);
                yield return batchNorm;
                if (!last) yield return new DropoutSpec(first ? 0.3 : 0.4);
                first = false;
            }
        }
        yield return new DropoutSpec(0.5);
        yield return new FlattenSpec();
        yield return new DenseSpec(512);
        yield return new ReluSpec();
        yield return batchNorm;
        yield return new DropoutSpec(0.5);
        yield return new DenseSpec(classes);
    }
}
