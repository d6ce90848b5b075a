using LocalSpec.Nn;
using LocalSpec.Numerics;

namespace LocalSpec.Measures;

/// <summary>
/// Feature visualisation (METHOD.md §6, the paper's A.6): for each unit set c of a dense or conv layer,
/// x(θ, c) ≈ argmax ‖Act(x, θ, c)‖₁ over images x = sigmoid(v), by Adam on v (minimising −‖Act‖₁)
/// in eval mode (BatchNorm uses its running statistics, dropout is the identity).
/// Each step: x = sigmoid(v); every image is shifted circularly by its own (dy, dx), each uniform
/// in [−Jitter, Jitter] (<see cref="FeatureVisJitter"/>); a forward pass up to the layer's module
/// gives the pre-activations; −sign(a) on c is back-propagated through the network, the shift and
/// the sigmoid to v. The unit sets of one request share each forward/backward pass: in eval mode the
/// rows of a batch are independent and Adam is element-wise, so a set's image depends on the others
/// only through float rounding in batch-size-dependent GEMM blocking (if at all).
/// Random streams: image j of a request comes from
/// Rng(Seed).Fork("featvis").Fork(parameter layer).Fork(request id).Fork(j), with sub-streams
/// "init" (C·H·W Gaussians for v) and "jitter" (dy then dx each step), so results do not depend on
/// batching order or thread scheduling. Each request is computed on one thread with a one-thread
/// managed GEMM, so the values do not depend on which BLAS the process uses either.
/// </summary>
public sealed class FeatureVisualizer
{
    private readonly Network _network;
    private readonly int _channels, _height, _width, _imageLength;

    public FeatureVisualizer(Network network, FeatureVisOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        Options = options ?? new FeatureVisOptions();
        Options.Validate();
        var shape = network.InputShape;
        if (shape.Count != 3)
            throw new ArgumentException($"Feature visualisation needs an image input [C, H, W]; the network takes {Tensor.Format(shape.ToArray())}.", nameof(network));
        _network = network;
        (_channels, _height, _width) = (shape[0], shape[1], shape[2]);
        _imageLength = _channels * _height * _width;
    }

    public FeatureVisOptions Options { get; }

    /// <summary>Visualises each unit set of parametrised layer <paramref name="parameterLayer"/> (one batch).</summary>
    public FeatureVisResult Visualize(int parameterLayer, IReadOnlyList<int[]> unitSets, ulong id = 0) =>
        Visualize(new FeatureVisRequest(parameterLayer, unitSets, id));

    public FeatureVisResult Visualize(FeatureVisRequest request)
    {
        int module = Validate(request, nameof(request));
        return Run(request, module);
    }

    /// <summary>
    /// Every request, up to <see cref="FeatureVisOptions.MaxParallelism"/> at a time; the results are in
    /// request order and identical to calling <see cref="Visualize(FeatureVisRequest)"/> on each.
    /// </summary>
    public IReadOnlyList<FeatureVisResult> VisualizeAll(IReadOnlyList<FeatureVisRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var modules = new int[requests.Count];
        for (int r = 0; r < requests.Count; r++) modules[r] = Validate(requests[r], $"{nameof(requests)}[{r}]");
        var results = new FeatureVisResult[requests.Count];
        Parallel.For(0, requests.Count, new ParallelOptions { MaxDegreeOfParallelism = Options.MaxParallelism },
            r => results[r] = Run(requests[r], modules[r]));
        return results;
    }

    // Each request runs on one thread: a one-thread managed GEMM and serial loops (VisualizeAll runs
    // MaxParallelism requests at once). No BLAS thread pool is woken per GEMM, and the values do not
    // depend on the process's BLAS, its thread count or the request parallelism.
    private static readonly ManagedBlas s_requestBlas = new(threads: 1, note: "one feature-visualization request");

    private FeatureVisResult Run(FeatureVisRequest request, int module)
    {
        using var blas = Blas.OnThisThread(s_requestBlas);
        using var serial = Parallelism.Serial();
        var sets = request.UnitSets;
        int s = sets.Count;
        var v = new float[s * _imageLength];
        var jitters = new Rng[s];
        for (int j = 0; j < s; j++)
        {
            var rng = new Rng(Options.Seed).Fork("featvis").Fork((ulong)request.ParameterLayer).Fork(request.Id).Fork((ulong)j);
            var init = rng.Fork("init");
            var image = v.AsSpan(j * _imageLength, _imageLength);
            for (int p = 0; p < image.Length; p++) image[p] = (float)(Options.InitStd * init.NextGaussian());
            jitters[j] = rng.Fork("jitter");
        }
        var scratch = _network.Layers[module] is Conv2d target ? new ConvScratch(target, sets) : null;
        var adam = new Adam(v, new AdamOptions { LearningRate = Options.LearningRate });
        var dv = new float[v.Length];
        var shifts = new (int Dy, int Dx)[s];
        var objectives = new double[s][];
        for (int j = 0; j < s; j++) objectives[j] = new double[Options.Steps];
        for (int t = 0; t < Options.Steps; t++)
        {
            for (int j = 0; j < s; j++)
                shifts[j] = Options.Jitter == 0 ? (0, 0)
                    : (jitters[j].NextInt(-Options.Jitter, Options.Jitter + 1), jitters[j].NextInt(-Options.Jitter, Options.Jitter + 1));
            double[] values = Evaluate(module, sets, v, shifts, dv, scratch);
            for (int j = 0; j < s; j++) objectives[j][t] = values[j];
            adam.Step(dv);
        }
        return Finish(request, module, v, objectives);
    }

    /// <summary>
    /// One step's objective and gradient: v [S, C, H, W], shifts [S] → ‖Act‖₁ of each shifted image [S]
    /// and <paramref name="dv"/> [S, C, H, W] = ∂(−Σ_j ‖Act_j‖₁)/∂v.
    /// </summary>
    internal double[] Evaluate(int module, IReadOnlyList<int[]> sets, float[] v, (int Dy, int Dx)[] shifts, float[] dv, ConvScratch? scratch = null)
    {
        int s = sets.Count, len = _imageLength;
        var x = Sigmoid(v);
        var shifted = new float[x.Length];
        for (int j = 0; j < s; j++)
            FeatureVisJitter.Shift(x.AsSpan(j * len, len), shifted.AsSpan(j * len, len), _channels, _height, _width, shifts[j].Dy, shifts[j].Dx);
        var values = new double[s];
        var input = new Tensor(shifted, [s, _channels, _height, _width]);
        var layer = _network.Layers[module];
        Tensor dShifted = layer is Conv2d conv ? EvaluateConv(conv, module, sets, input, values, scratch ?? new ConvScratch(conv, sets)) : EvaluateWhole(layer, module, sets, input, values);
        for (int j = 0; j < s; j++)
            FeatureVisJitter.ShiftBackward(dShifted.Data.AsSpan(j * len, len), dv.AsSpan(j * len, len), _channels, _height, _width, shifts[j].Dy, shifts[j].Dx);
        // dv = dx · σ'(v) = dx · x (1 − x)
        for (int p = 0; p < dv.Length; p++) dv[p] *= x[p] * (1 - x[p]);
        return values;
    }

    /// <summary>The objective and input gradient through the whole target layer (dense layers: cheap already).</summary>
    private Tensor EvaluateWhole(Layer layer, int module, IReadOnlyList<int[]> sets, Tensor input, double[] values)
    {
        int perUnit = layer.OutputLength / layer.Units;
        using var tape = _network.ForwardWithTape(input, new ForwardOptions { To = module });
        // a [S, U, P] → dA [S, U, P]
        var a = tape.Output;
        var dA = new float[a.Length];
        for (int j = 0; j < sets.Count; j++)
        {
            var aj = a.Data.AsSpan(j * layer.OutputLength, layer.OutputLength);
            values[j] = FeatureVisObjective.L1(aj, perUnit, sets[j]);
            FeatureVisObjective.DescentGradient(aj, perUnit, sets[j], dA.AsSpan(j * layer.OutputLength, layer.OutputLength));
        }
        return tape.Backward(new Tensor(dA, a.Shape));
    }

    /// <summary>
    /// The objective and input gradient when the target is a conv layer: the network up to the conv's
    /// input once for the batch, then per image only its set's filters (<see cref="Conv2d.ForwardChannels"/>),
    /// whose cost is |c|/K of the whole layer's forward and backward passes.
    /// </summary>
    private Tensor EvaluateConv(Conv2d conv, int module, IReadOnlyList<int[]> sets, Tensor shifted, double[] values, ConvScratch scratch)
    {
        int s = sets.Count, perUnit = conv.OutputLength / conv.Units;
        var parameters = _network.Parameters.Data;
        var (col, weights, z, dz, identity) = (scratch.Col, scratch.Weights, scratch.Z, scratch.DZ, scratch.Identity);
        using ForwardTape? tape = module == 0 ? null : _network.ForwardWithTape(shifted, new ForwardOptions { To = module - 1 });
        var input = tape?.Output ?? shifted;
        var dInput = new float[input.Length];
        for (int j = 0; j < s; j++)
        {
            int size = sets[j].Length;
            conv.ForwardChannels(parameters, input.Data, j, sets[j], col, weights, z);
            values[j] = FeatureVisObjective.L1(z.AsSpan(0, size * perUnit), perUnit, identity.AsSpan(0, size));
            FeatureVisObjective.DescentGradient(z.AsSpan(0, size * perUnit), perUnit, identity.AsSpan(0, size), dz.AsSpan(0, size * perUnit));
            conv.BackwardChannels(j, size, weights, dz, col, dInput);
        }
        var dIn = new Tensor(dInput, input.Shape.ToArray());
        return tape is null ? dIn : tape.Backward(dIn);
    }

    /// <summary>The final images x = sigmoid(v), un-jittered, through the whole network: the score at the layer and the logits' entropy.</summary>
    private FeatureVisResult Finish(FeatureVisRequest request, int module, float[] v, double[][] objectives)
    {
        var sets = request.UnitSets;
        int s = sets.Count;
        var x = Sigmoid(v);
        var layer = _network.Layers[module];
        float[]? activations = null;
        var logits = _network.Forward(new Tensor(x, [s, _channels, _height, _width]), new ForwardOptions
        {
            Capture = (m, output) => { if (m == module) activations = (float[])output.Data.Clone(); },
        });
        var captured = activations ?? throw new InvalidOperationException($"The forward pass did not reach module {module}.");
        int perUnit = layer.OutputLength / layer.Units, k = logits.ExampleLength;
        var visualizations = new FeatureVisualization[s];
        for (int j = 0; j < s; j++)
        {
            double score = FeatureVisObjective.L1(captured.AsSpan(j * layer.OutputLength, layer.OutputLength), perUnit, sets[j]);
            double entropy = FeatureVisEntropy.Of(logits.Data.AsSpan(j * k, k));
            visualizations[j] = new FeatureVisualization((int[])sets[j].Clone(), x.AsSpan(j * _imageLength, _imageLength).ToArray(), score, entropy, objectives[j]);
        }
        return new FeatureVisResult(request.ParameterLayer, request.Id, [_channels, _height, _width], visualizations);
    }

    // v [...] → sigmoid(v) [...]
    private static float[] Sigmoid(float[] v)
    {
        var x = new float[v.Length];
        for (int p = 0; p < v.Length; p++) x[p] = 1f / (1f + MathF.Exp(-v[p]));
        return x;
    }

    /// <summary>The module of the request's layer, after checking the layer and every unit set.</summary>
    private int Validate(FeatureVisRequest request, string what)
    {
        if (request is null) throw new ArgumentNullException(what);
        int count = _network.ParameterLayerModules.Count;
        if (request.ParameterLayer < 0 || request.ParameterLayer >= count)
            throw new ArgumentException($"{what}: layers.{request.ParameterLayer} does not exist (the network has layers.0 … layers.{count - 1}).", what);
        int module = _network.ModuleOfParameterLayer(request.ParameterLayer);
        var layer = _network.Layers[module];
        if (layer.Spec is not (DenseSpec or Conv2dSpec))
            throw new ArgumentException($"{what}: layers.{request.ParameterLayer} is a {layer.Spec.TypeName} layer; feature visualisation needs a dense or conv2d layer.", what);
        if (request.UnitSets is null || request.UnitSets.Count == 0)
            throw new ArgumentException($"{what}: no unit sets to visualise.", what);
        for (int j = 0; j < request.UnitSets.Count; j++)
        {
            var units = request.UnitSets[j];
            if (units is null || units.Length == 0)
                throw new ArgumentException($"{what}: unit set {j} is empty.", what);
            foreach (int u in units)
            {
                if (u < 0 || u >= layer.Units)
                    throw new ArgumentException($"{what}: unit set {j} names unit {u}, but layers.{request.ParameterLayer} has units 0 … {layer.Units - 1}.", what);
            }
            if (units.Distinct().Count() != units.Length)
                throw new ArgumentException($"{what}: unit set {j} lists a unit twice.", what);
        }
        return module;
    }

    /// <summary>One request's buffers for <see cref="EvaluateConv"/>, allocated once for all its steps (the im2col alone is megabytes).</summary>
    internal sealed class ConvScratch
    {
        public ConvScratch(Conv2d conv, IReadOnlyList<int[]> sets)
        {
            int largest = sets.Max(set => set.Length), perUnit = conv.OutputLength / conv.Units;
            Col = new float[conv.ColumnLength];
            Weights = new float[largest * conv.FilterLength];
            Z = new float[largest * perUnit];
            DZ = new float[largest * perUnit];
            Identity = [.. Enumerable.Range(0, largest)];
        }

        public float[] Col { get; }
        public float[] Weights { get; }
        public float[] Z { get; }
        public float[] DZ { get; }
        public int[] Identity { get; }
    }
}
