using LocalSpec.Data;
using LocalSpec.Nn;

namespace LocalSpec.Measures;

/// <summary>
/// Lesion proxies (METHOD.md §6) of one trained network on its whole test set: for each unit set c
/// of a parameter layer, the lesioned network's accuracy and per-class accuracies, lesion.acc_drop
/// and lesion.class_range. The network must not change while the engine is in use (the intact
/// predictions are computed once, and the fast path copies parameters per site).
/// </summary>
public sealed class LesionEngine
{
    private readonly Dictionary<int, ILesionPredictor?> _fastPaths = [];
    private readonly Lock _lock = new();

    private LesionEngine(Network network, LabeledImages test, LesionOptions options, int classes)
    {
        Network = network;
        Test = test;
        Options = options;
        Classes = classes;
        (BaselinePredictions, BaselineScale) = Intact();
        Baseline = LesionScore.Count(BaselinePredictions, test.Labels, classes);
    }

    public Network Network { get; }

    public LabeledImages Test { get; }

    public LesionOptions Options { get; }

    /// <summary>Output units of the network = class count.</summary>
    public int Classes { get; }

    /// <summary>The intact network on the test set.</summary>
    public LesionScore Baseline { get; }

    /// <summary>The intact network's prediction for each test example.</summary>
    internal int[] BaselinePredictions { get; }

    /// <summary>|logits|∞ of the intact network per test example (part of the near-tie scale).</summary>
    internal float[] BaselineScale { get; }

    /// <exception cref="ArgumentException">The test images do not fit the network, or a label is not one of its classes.</exception>
    public static LesionEngine Create(Network network, LabeledImages test, LesionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(test);
        options ??= new LesionOptions();
        options.Validate();
        if (network.OutputShape.Count != 1)
            throw new ArgumentException($"Lesions need a classifier: the network's output is {Tensor.Format([.. network.OutputShape])}, not [classes].", nameof(network));
        int[] image = [test.Channels, test.Height, test.Width];
        if (!image.SequenceEqual(network.InputShape))
            throw new ArgumentException($"The test images are {Tensor.Format(image)} but the network takes {Tensor.Format([.. network.InputShape])}.", nameof(test));
        if (test.Count == 0) throw new ArgumentException("The test set is empty.", nameof(test));
        int classes = network.OutputShape[0];
        for (int j = 0; j < test.Count; j++)
        {
            if ((uint)test.Labels[j] >= (uint)classes)
                throw new ArgumentException($"Test example {j} has label {test.Labels[j]}, not one of the network's {classes} classes.", nameof(test));
        }
        return new LesionEngine(network, test, options, classes);
    }

    /// <summary>Where lesions of layers.{parameterLayer} are applied.</summary>
    public LesionSite Site(int parameterLayer) => LesionSite.Resolve(Network, parameterLayer);

    /// <summary>
    /// Lesions each unit set (OUTPUT units of layers.{parameterLayer}: dense units or conv channels)
    /// on its own and scores the lesioned network on the whole test set. An empty set is the intact network.
    /// </summary>
    /// <exception cref="ArgumentException">A set names a unit twice or one outside the layer.</exception>
    public LesionResult Evaluate(int parameterLayer, IReadOnlyList<int[]> unitSets)
    {
        var site = Site(parameterLayer);
        int[][] sets = Validated(site, unitSets);
        var predictions = Predict(site, sets, out var recomputed, out var method);
        var outcomes = new LesionOutcome[sets.Length];
        for (int s = 0; s < sets.Length; s++)
        {
            var score = LesionScore.Count(predictions[s], Test.Labels, Classes);
            outcomes[s] = new LesionOutcome(sets[s], score, Baseline, Options.Accuracy, recomputed[s]);
        }
        return new LesionResult(site, Baseline, Options.Accuracy, method, outcomes);
    }

    /// <summary>Predictions [set][example] of each lesioned network with the engine's method (Naive where the site has no fast path).</summary>
    internal int[][] Predict(int parameterLayer, IReadOnlyList<int[]> unitSets, out int[] recomputed)
    {
        var site = Site(parameterLayer);
        return Predict(site, Validated(site, unitSets), out recomputed, out _);
    }

    private int[][] Predict(LesionSite site, int[][] sets, out int[] recomputed, out LesionMethod method)
    {
        var predictions = new int[sets.Length][];
        recomputed = new int[sets.Length];
        var lesions = new List<int>();
        for (int s = 0; s < sets.Length; s++)
        {
            if (sets[s].Length == 0) predictions[s] = (int[])BaselinePredictions.Clone();
            else lesions.Add(s);
        }
        var fast = Options.Method == LesionMethod.Fast ? FastPath(site) : null;
        method = fast is null ? LesionMethod.Naive : LesionMethod.Fast;
        if (lesions.Count == 0) return predictions;
        if (fast is null)
        {
            foreach (int s in lesions) predictions[s] = NaivePredictions(site, sets[s]);
            return predictions;
        }
        var subset = lesions.Select(s => sets[s]).ToArray();
        var results = subset.Select(_ => new int[Test.Count]).ToArray();
        var counts = new int[subset.Length];
        fast.Predict(subset, results, counts);
        for (int j = 0; j < lesions.Count; j++) (predictions[lesions[j]], recomputed[lesions[j]]) = (results[j], counts[j]);
        return predictions;
    }

    /// <summary>The oracle: one masked forward pass over the test set (<see cref="Evaluator.Predict"/>).</summary>
    internal int[] NaivePredictions(LesionSite site, int[] units)
    {
        var options = new ForwardOptions { UnitMasks = new Dictionary<int, float[]> { [site.MaskModule] = site.Mask(units) } };
        return Evaluator.Predict(Network, Test.Pixels, Test.Count, Options.BatchSize, options);
    }

    // A chain of dense layers after the mask gets the per-example path; other sites the batched plan.
    private ILesionPredictor? FastPath(LesionSite site)
    {
        lock (_lock)
        {
            if (!_fastPaths.TryGetValue(site.ParameterLayer, out var path))
            {
                path = site.HasFastPath ? (ILesionPredictor?)LesionDenseChain.TryCreate(this, site) ?? new LesionFastPath(this, LesionPlan.Build(Network, site)) : null;
                _fastPaths[site.ParameterLayer] = path;
            }
            return path;
        }
    }

    private static int[][] Validated(LesionSite site, IReadOnlyList<int[]> unitSets)
    {
        ArgumentNullException.ThrowIfNull(unitSets);
        var sets = new int[unitSets.Count][];
        var seen = new bool[site.Units];
        for (int s = 0; s < sets.Length; s++)
        {
            int[] units = unitSets[s] ?? throw new ArgumentException($"Unit set {s} is null.", nameof(unitSets));
            Array.Clear(seen);
            foreach (int u in units)
            {
                if ((uint)u >= (uint)site.Units)
                    throw new ArgumentException($"Unit set {s} names unit {u}, but layers.{site.ParameterLayer} has units 0..{site.Units - 1}.", nameof(unitSets));
                if (seen[u]) throw new ArgumentException($"Unit set {s} names unit {u} twice.", nameof(unitSets));
                seen[u] = true;
            }
            sets[s] = (int[])units.Clone();
        }
        return sets;
    }

    // The same batches as Evaluator.Predict, so an empty lesion reproduces the naive path bit for bit.
    private (int[] Predictions, float[] Scale) Intact()
    {
        int count = Test.Count, size = Test.ExampleSize, batch = Options.BatchSize;
        var predictions = new int[count];
        var scale = new float[count];
        for (int start = 0; start < count; start += batch)
        {
            int n = Math.Min(batch, count - start);
            var x = new Tensor(Test.Pixels.AsSpan(start * size, n * size).ToArray(), [n, .. Network.InputShape]);
            var logits = Network.Forward(x);
            for (int j = 0; j < n; j++)
            {
                var row = logits.Example(j);
                predictions[start + j] = SoftmaxCrossEntropy.ArgMax(row);
                scale[start + j] = Math.Abs(System.Numerics.Tensors.TensorPrimitives.MaxMagnitude(row));
            }
        }
        return (predictions, scale);
    }
}
