namespace LocalSpec.Nn;

/// <summary>
/// One named tensor inside a <see cref="ParameterStore"/>'s flat buffer: elements
/// [<see cref="Offset"/>, <see cref="Offset"/> + <see cref="Length"/>) in row-major <see cref="Shape"/>.
/// </summary>
public sealed class ParameterView
{
    internal ParameterView(string name, int[] shape, int offset, ParameterKind kind, int layerIndex, int moduleIndex)
    {
        Name = name;
        Shape = shape;
        Offset = offset;
        Length = checked((int)Tensor.Count(shape));
        Kind = kind;
        LayerIndex = layerIndex;
        ModuleIndex = moduleIndex;
    }

    /// <summary>"layers.{i}.weight", "layers.{i}.bias", "layers.{i}.running_mean", "layers.{i}.running_var".</summary>
    public string Name { get; }

    public IReadOnlyList<int> Shape { get; }

    public int Offset { get; }

    public int Length { get; }

    public ParameterKind Kind { get; }

    /// <summary>Updated by the optimiser (false for the BatchNorm running statistics).</summary>
    public bool Trainable => Kind is not (ParameterKind.RunningMean or ParameterKind.RunningVar);

    /// <summary>i in "layers.{i}": the index among dense, conv2d and batchnorm modules.</summary>
    public int LayerIndex { get; }

    /// <summary>Index of the owning module in <see cref="Network.Layers"/>.</summary>
    public int ModuleIndex { get; }

    public override string ToString() => $"{Name} {Tensor.Format(Shape.ToArray())} @{Offset}";
}
