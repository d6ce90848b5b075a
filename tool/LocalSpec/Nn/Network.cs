using LocalSpec.Numerics;

namespace LocalSpec.Nn;

/// <summary>
/// A feed-forward network built from an <see cref="ArchitectureSpec"/>: its modules
/// (<see cref="Layers"/>, indexed by "module index") and all tensors in one <see cref="ParameterStore"/>.
/// Forward passes in eval mode may run concurrently from several threads (parameters are only read);
/// training-mode passes update BatchNorm running statistics and must not overlap.
/// </summary>
public sealed class Network
{
    private readonly int[] _parameterModules;

    private Network(ArchitectureSpec spec)
    {
        var shapes = spec.OutputShapes();
        Spec = spec;
        Parameters = ParameterStore.ForSpec(spec, shapes);
        var layers = new Layer[spec.Layers.Count];
        var parameterModules = new List<int>();
        for (int m = 0; m < layers.Length; m++)
        {
            int[] input = m == 0 ? [.. spec.Input] : shapes[m - 1];
            int i = spec.Layers[m].HasParameters ? parameterModules.Count : -1;
            if (i >= 0) parameterModules.Add(m);
            layers[m] = spec.Layers[m] switch
            {
                DenseSpec d => new Dense(m, i, d, input, shapes[m], Parameters),
                Conv2dSpec c => new Conv2d(m, i, c, input, shapes[m], Parameters),
                BatchNormSpec b => new BatchNorm(m, i, b, input, Parameters),
                MaxPool2dSpec p => new MaxPool2d(m, p, input, shapes[m]),
                DropoutSpec d => new Dropout(m, d, input),
                FlattenSpec f => new Flatten(m, f, input, shapes[m]),
                ReluSpec r => new Relu(m, r, input),
                var other => throw new ArchitectureException($"arch.layers[{m}].type: unsupported layer {other.TypeName}"),
            };
        }
        Layers = layers;
        _parameterModules = [.. parameterModules];
    }

    public ArchitectureSpec Spec { get; }

    /// <summary>Every module in forward order; the position is the module index.</summary>
    public IReadOnlyList<Layer> Layers { get; }

    public ParameterStore Parameters { get; }

    /// <summary>One example's input shape ([C, H, W] or [F]).</summary>
    public IReadOnlyList<int> InputShape => Spec.Input;

    /// <summary>One example's output shape (of the last module: [classes] for a classifier).</summary>
    public IReadOnlyList<int> OutputShape => Layers[^1].OutputShape;

    /// <summary>Module index of each parametrised layer i ("layers.{i}"), in order.</summary>
    public IReadOnlyList<int> ParameterLayerModules => _parameterModules;

    internal BufferPool Pool { get; } = new();

    /// <summary>Upper bound on the elements of a conv im2col chunk (tests lower it to exercise chunking).</summary>
    internal int ConvChunkElements { get; set; } = 1 << 22;

    /// <summary>
    /// Frees the activation and scratch buffers kept for reuse between passes (they are bounded, but
    /// a large evaluation batch can leave hundreds of MB behind). Passes in flight are unaffected.
    /// </summary>
    public void ReleaseBuffers() => Pool.Clear();

    /// <summary>Module index of parametrised layer i.</summary>
    public int ModuleOfParameterLayer(int i) => _parameterModules[i];

    /// <summary>i of module <paramref name="module"/>'s "layers.{i}" tensors, or −1 if it has none.</summary>
    public int ParameterLayerOfModule(int module) => Layers[module].ParameterIndex;

    /// <summary>
    /// Keras-default initialisation (ENGINE-CONTRACT.md "Init"): Glorot-uniform dense and conv
    /// weights, limit sqrt(6 / (fan_in + fan_out)) with fan = channels·kh·kw, drawn in view order;
    /// zero biases; BatchNorm γ = 1, β = 0, running mean 0, running variance 1.
    /// </summary>
    public static Network Create(ArchitectureSpec spec, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(rng);
        var network = new Network(spec);
        var store = network.Parameters;
        foreach (var view in store.Views)
        {
            var values = store.Span(view);
            switch (view.Kind)
            {
                case ParameterKind.Weight:
                    int receptive = view.Length / (view.Shape[0] * view.Shape[1]);
                    double limit = Math.Sqrt(6.0 / ((view.Shape[0] + view.Shape[1]) * (double)receptive));
                    for (int j = 0; j < values.Length; j++) values[j] = (float)rng.Uniform(-limit, limit);
                    break;
                case ParameterKind.Gamma or ParameterKind.RunningVar:
                    values.Fill(1f);
                    break;
                default:
                    values.Clear();
                    break;
            }
        }
        return network;
    }

    /// <summary>An independent network with the same spec and a copy of every parameter and buffer.</summary>
    public Network Clone()
    {
        var copy = new Network(Spec) { ConvChunkElements = ConvChunkElements };
        copy.Parameters.CopyFrom(Parameters);
        return copy;
    }

    /// <summary>
    /// Runs modules From..To on <paramref name="x"/> ([N, ...] matching the input of module From) and
    /// returns the output of module To as a new tensor owned by the caller.
    /// </summary>
    public Tensor Forward(Tensor x, ForwardOptions? options = null) => Run(x, options ?? new ForwardOptions(), keep: false).Output;

    /// <summary>Like <see cref="Forward"/>, keeping what <see cref="ForwardTape.Backward"/> needs; dispose the tape to recycle its buffers.</summary>
    public ForwardTape ForwardWithTape(Tensor x, ForwardOptions? options = null)
    {
        var pass = Run(x, options ?? new ForwardOptions(), keep: true);
        return new ForwardTape(this, pass);
    }

    /// <summary>
    /// Modules From..To. Intermediate outputs come from the pool; with <paramref name="keep"/> each
    /// module's input and state stay in the returned record (for backward), otherwise each buffer
    /// goes back to the pool as soon as the next module has read it. The last output is a fresh array.
    /// </summary>
    private PassRecord Run(Tensor x, ForwardOptions options, bool keep)
    {
        ArgumentNullException.ThrowIfNull(x);
        var (from, to, n) = Check(x, options);
        var masks = UnitMasks.Resolve(Layers, options.UnitMasks, from, to);
        var ctx = new PassContext(Parameters.Data, Pool, options.Training, options.Rng, ConvChunkElements);
        var inputs = new float[to - from + 1][];
        var states = new LayerState?[to - from + 1];
        float[] current = x.Data;
        for (int m = from; m <= to; m++)
        {
            var layer = Layers[m];
            float[] y = m == to ? new float[n * layer.OutputLength] : Pool.Floats(n * layer.OutputLength);
            var state = keep ? new LayerState() : null;
            layer.Forward(ctx, current, y, n, state);
            if (masks[m] is { } mask) UnitMasks.Apply(y, n, layer, mask);
            options.Capture?.Invoke(m, new Tensor(y, [n, .. layer.OutputShape]));
            if (keep)
            {
                inputs[m - from] = current;
                states[m - from] = state;
            }
            else if (m > from)
            {
                Pool.Return(current);
            }
            current = y;
        }
        return new PassRecord(ctx, from, to, n, x, inputs, states, masks, new Tensor(current, [n, .. Layers[to].OutputShape]));
    }

    private (int From, int To, int N) Check(Tensor x, ForwardOptions options)
    {
        int from = options.From, to = options.To < 0 ? Layers.Count - 1 : options.To;
        if (from < 0 || from >= Layers.Count)
            throw new ArgumentOutOfRangeException(nameof(options), $"ForwardOptions.From = {from} is not a module index (0..{Layers.Count - 1}).");
        if (to < from || to >= Layers.Count)
            throw new ArgumentOutOfRangeException(nameof(options), $"ForwardOptions.To = {options.To} must be −1 or a module index in {from}..{Layers.Count - 1}.");
        var expected = from == 0 ? InputShape : Layers[from - 1].OutputShape;
        if (x.Rank != expected.Count + 1 || !x.Shape.AsSpan(1).SequenceEqual(expected.ToArray()) || x.Shape[0] < 1)
        {
            string what = from == 0 ? "the network input" : $"the output of module {from - 1} ({Layers[from - 1].Spec.TypeName})";
            throw new ArgumentException($"Forward from module {from} needs {what} of shape [N, {string.Join(", ", expected)}] with N ≥ 1, got {Tensor.Format(x.Shape)}.", nameof(x));
        }
        if (options.Training && options.Rng is null && Layers.Skip(from).Take(to - from + 1).Any(l => l.Spec is DropoutSpec { Rate: > 0 }))
            throw new ArgumentException("Training-mode dropout needs ForwardOptions.Rng.", nameof(options));
        return (from, to, x.Shape[0]);
    }
}
