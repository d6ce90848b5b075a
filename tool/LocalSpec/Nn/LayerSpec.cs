namespace LocalSpec.Nn;

/// <summary>One module of an <see cref="ArchitectureSpec"/> (ENGINE-CONTRACT.md, "Architecture spec").</summary>
public abstract record LayerSpec
{
    public abstract LayerType Type { get; }

    /// <summary>The JSON "type" string.</summary>
    public string TypeName => TypeNames[(int)Type];

    /// <summary>JSON type names, indexed by <see cref="LayerType"/>.</summary>
    public static IReadOnlyList<string> TypeNames { get; } =
        ["dense", "conv2d", "maxpool2d", "relu", "flatten", "batchnorm", "dropout"];

    /// <summary>Whether the module owns tensors named layers.{i}.* (dense, conv2d, batchnorm).</summary>
    public bool HasParameters => Type is LayerType.Dense or LayerType.Conv2d or LayerType.BatchNorm;
}

public sealed record DenseSpec(int Units) : LayerSpec
{
    public override LayerType Type => LayerType.Dense;
}

public sealed record Conv2dSpec(int Filters, int Kernel, Padding Padding) : LayerSpec
{
    public override LayerType Type => LayerType.Conv2d;
}

public sealed record MaxPool2dSpec(int Size) : LayerSpec
{
    public override LayerType Type => LayerType.MaxPool2d;
}

public sealed record ReluSpec : LayerSpec
{
    public override LayerType Type => LayerType.Relu;
}

public sealed record FlattenSpec : LayerSpec
{
    public override LayerType Type => LayerType.Flatten;
}

/// <summary>PyTorch semantics: running = (1 − momentum)·running + momentum·batch statistic.</summary>
public sealed record BatchNormSpec(double Eps = 1e-5, double Momentum = 0.1) : LayerSpec
{
    public override LayerType Type => LayerType.BatchNorm;
}

/// <summary>Inverted dropout: a unit is dropped with probability <see cref="Rate"/>.</summary>
public sealed record DropoutSpec(double Rate) : LayerSpec
{
    public override LayerType Type => LayerType.Dropout;
}
