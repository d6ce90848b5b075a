namespace LocalSpec.Nn;

/// <summary>
/// Every parameter and buffer of a network in one flat float buffer (<see cref="Data"/>), with
/// named views in forward order (ENGINE-CONTRACT.md "Parameter names"). Gradients and optimiser
/// state are flat buffers of the same length and layout.
/// </summary>
public sealed class ParameterStore
{
    private readonly Dictionary<string, ParameterView> _byName;

    private ParameterStore(ParameterView[] views, int count)
    {
        Views = views;
        Data = new float[count];
        _byName = views.ToDictionary(v => v.Name, StringComparer.Ordinal);
    }

    /// <summary>All values, in view order.</summary>
    public float[] Data { get; }

    /// <summary>Total element count (the length of <see cref="Data"/> and of every gradient buffer).</summary>
    public int Count => Data.Length;

    public IReadOnlyList<ParameterView> Views { get; }

    public IEnumerable<string> Names => Views.Select(v => v.Name);

    public ParameterView this[string name] =>
        _byName.TryGetValue(name, out var view)
            ? view
            : throw new KeyNotFoundException($"No parameter tensor named '{name}' (have: {string.Join(", ", Views.Select(v => v.Name))}).");

    public bool TryGetView(string name, out ParameterView view) => _byName.TryGetValue(name, out view!);

    /// <summary>The view's elements in <see cref="Data"/> (writable).</summary>
    public Span<float> Span(ParameterView view) => Data.AsSpan(view.Offset, view.Length);

    public Span<float> Span(string name) => Span(this[name]);

    /// <summary>A copy of the named tensor's values.</summary>
    public float[] Read(string name) => Span(name).ToArray();

    /// <summary>Overwrites the named tensor; <paramref name="shape"/> must equal its shape exactly.</summary>
    public void Write(string name, ReadOnlySpan<float> values, ReadOnlySpan<int> shape)
    {
        var view = this[name];
        if (!shape.SequenceEqual(view.Shape.ToArray()))
            throw new ArgumentException($"Tensor '{name}' has shape {Tensor.Format(view.Shape.ToArray())}, not {Tensor.Format(shape)}.", nameof(shape));
        if (values.Length != view.Length)
            throw new ArgumentException($"Tensor '{name}' needs {view.Length} values, got {values.Length}.", nameof(values));
        values.CopyTo(Span(view));
    }

    /// <summary>Copies all values from a store with the same layout.</summary>
    public void CopyFrom(ParameterStore other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Count != Count || !other.Views.Select(v => v.Name).SequenceEqual(Views.Select(v => v.Name)))
            throw new ArgumentException("The parameter stores have different layouts.", nameof(other));
        other.Data.AsSpan().CopyTo(Data);
    }

    /// <summary>The layout for <paramref name="spec"/>: per parametrised module, in forward order, its tensors in PyTorch order.</summary>
    internal static ParameterStore ForSpec(ArchitectureSpec spec, IReadOnlyList<int[]> outputShapes)
    {
        var views = new List<ParameterView>();
        int offset = 0, layer = 0;
        void Add(int module, string suffix, int[] shape, ParameterKind kind)
        {
            var view = new ParameterView($"layers.{layer}.{suffix}", shape, offset, kind, layer, module);
            views.Add(view);
            offset = checked(offset + view.Length);
        }
        for (int m = 0; m < spec.Layers.Count; m++)
        {
            int[] input = m == 0 ? [.. spec.Input] : outputShapes[m - 1];
            switch (spec.Layers[m])
            {
                case DenseSpec d:
                    Add(m, "weight", [d.Units, input[0]], ParameterKind.Weight);
                    Add(m, "bias", [d.Units], ParameterKind.Bias);
                    break;
                case Conv2dSpec c:
                    Add(m, "weight", [c.Filters, input[0], c.Kernel, c.Kernel], ParameterKind.Weight);
                    Add(m, "bias", [c.Filters], ParameterKind.Bias);
                    break;
                case BatchNormSpec:
                    Add(m, "weight", [input[0]], ParameterKind.Gamma);
                    Add(m, "bias", [input[0]], ParameterKind.Beta);
                    Add(m, "running_mean", [input[0]], ParameterKind.RunningMean);
                    Add(m, "running_var", [input[0]], ParameterKind.RunningVar);
                    break;
                default:
                    continue;
            }
            layer++;
        }
        return new ParameterStore([.. views], offset);
    }
}
