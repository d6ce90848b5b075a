namespace LocalSpec.Nn;

/// <summary>
/// A network architecture: one example's input shape ([C, H, W] or [F]) and the modules in forward
/// order. Stored as compact canonical JSON (format "localspec.arch/1") in the safetensors
/// metadata; two specs are equal when their canonical JSON is.
/// </summary>
public sealed class ArchitectureSpec : IEquatable<ArchitectureSpec>
{
    public const string FormatName = "localspec.arch/1";

    public ArchitectureSpec(IEnumerable<int> input, IEnumerable<LayerSpec> layers)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(layers);
        Input = input.ToArray();
        Layers = layers.ToArray();
        foreach (var layer in Layers) ArgumentNullException.ThrowIfNull(layer, nameof(layers));
    }

    /// <summary>One example's shape: [C, H, W] for images, [F] for flat features.</summary>
    public IReadOnlyList<int> Input { get; }

    public IReadOnlyList<LayerSpec> Layers { get; }

    /// <summary>Parses and validates; bad input throws <see cref="ArchitectureException"/> naming the field.</summary>
    public static ArchitectureSpec Parse(string json) => ArchitectureJson.Parse(json);

    /// <summary>Validates, then writes compact canonical JSON (fixed key order, every field explicit).</summary>
    public string ToJson()
    {
        Validate();
        return ArchitectureJson.Write(this);
    }

    /// <summary>Checks every field and that the shapes fit together; throws <see cref="ArchitectureException"/>.</summary>
    public void Validate() => ShapeInference.OutputShapes(this);

    /// <summary>Per-example output shape of every module (validates first).</summary>
    public IReadOnlyList<int[]> OutputShapes() => ShapeInference.OutputShapes(this);

    public bool Equals(ArchitectureSpec? other) =>
        other is not null && ArchitectureJson.Write(this) == ArchitectureJson.Write(other);

    public override bool Equals(object? obj) => obj is ArchitectureSpec other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ArchitectureJson.Write(this));

    public override string ToString() => ArchitectureJson.Write(this);
}
