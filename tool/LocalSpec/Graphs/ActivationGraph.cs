using LocalSpec.Data;
using LocalSpec.Nn;
using LocalSpec.Numerics;

namespace LocalSpec.Graphs;

/// <summary>
/// The activation graph of a network (METHOD.md §2, "Activations"): nodes are its hidden units
/// (MLP: every dense layer but the output layer; CNN: every conv channel), edge (i, j) = ρ²_ij, the
/// squared Spearman correlation of their pre-ReLU activations (each dense/conv module's output, eval
/// mode) over a fixed sample of training examples; a conv channel's activation on one example is
/// Σ_{h,w} |a| over its feature map. Units that do not vary over the sample are dead (their rows are
/// zero); a unit with a NaN activation has no defined correlation and a zero row as well.
/// </summary>
public static class ActivationGraph
{
    /// <summary>The <see cref="Rng.Fork(string)"/> label of the example sample.</summary>
    public const string SampleStream = "graphs/activation-examples";

    /// <param name="train">The training split (never the test set, which the lesion stage uses).</param>
    /// <exception cref="ArchitectureException">The network has no hidden units.</exception>
    /// <exception cref="ArgumentException">The images do not fit the network, or the options are out of range.</exception>
    public static NeuronGraph Build(Network network, LabeledImages train, ActivationGraphOptions? options = null,
        IProgress<ActivationGraphProgress>? progress = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(train);
        options ??= new ActivationGraphOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1, nameof(options));
        var topology = GraphTopology.ForActivations(network);
        CheckImages(network, train);
        int[] examples = SelectExamples(train.Count, options);

        float[] x = Activations(network, topology, train, examples, options.BatchSize, progress, cancel);
        progress?.Report(new ActivationGraphProgress(ActivationGraphStage.Correlations, 0, 1));
        var result = SquaredSpearman.Compute(x, topology.NodeCount, examples.Length);
        progress?.Report(new ActivationGraphProgress(ActivationGraphStage.Correlations, 1, 1));
        return new NeuronGraph(GraphKind.Activations, topology.GraphLayers(), result.Squared, result.Constant);
    }

    /// <summary>
    /// The training examples the graph uses: <see cref="ActivationGraphOptions.ExampleIndices"/> as
    /// given, or all <paramref name="available"/> examples when there are at most
    /// <see cref="ActivationGraphOptions.MaxExamples"/>, or else a uniform sample without replacement
    /// drawn by <c>new Rng(Seed).Fork(SampleStream)</c>, in increasing order.
    /// </summary>
    public static int[] SelectExamples(int available, ActivationGraphOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(available);
        if (options.ExampleIndices is { } given)
            return CheckIndices(given, available);
        if (options.MaxExamples < 2 || options.MaxExamples > SquaredSpearman.MaxExamples)
            throw new ArgumentOutOfRangeException(nameof(options), $"MaxExamples must be 2 to {SquaredSpearman.MaxExamples} (got {options.MaxExamples}).");
        if (available < 2)
            throw new ArgumentException($"The training set has {available} example(s); an activation graph needs at least 2.", nameof(available));
        int count = Math.Min(available, options.MaxExamples);
        if (count == available) return Enumerable.Range(0, available).ToArray();
        int[] sample = new Rng(options.Seed).Fork(SampleStream).SampleWithoutReplacement(available, count);
        Array.Sort(sample);
        return sample;
    }

    private static int[] CheckIndices(IReadOnlyList<int> given, int available)
    {
        if (given.Count < 2 || given.Count > SquaredSpearman.MaxExamples)
            throw new ArgumentException($"ExampleIndices must hold 2 to {SquaredSpearman.MaxExamples} indices (got {given.Count}).", nameof(given));
        var seen = new bool[available];
        foreach (int index in given)
        {
            if ((uint)index >= (uint)available)
                throw new ArgumentOutOfRangeException(nameof(given), $"Example index {index} is not in [0, {available}).");
            if (seen[index])
                throw new ArgumentException($"Example index {index} appears more than once.", nameof(given));
            seen[index] = true;
        }
        return [.. given];
    }

    private static void CheckImages(Network network, LabeledImages images)
    {
        int[] shape = [images.Channels, images.Height, images.Width];
        bool fits = network.InputShape.Count == 3
            ? network.InputShape.SequenceEqual(shape)
            : Tensor.Count(network.InputShape.ToArray()) == images.ExampleSize;
        if (!fits)
            throw new ArgumentException(
                $"The network takes inputs of shape {Tensor.Format(network.InputShape.ToArray())} but the images have shape {Tensor.Format(shape)}.", nameof(images));
    }

    /// <summary>x [U, S]: row u holds unit u's activation on each example (nodes in graph order).</summary>
    private static float[] Activations(Network network, GraphTopology topology, LabeledImages images, int[] examples,
        int batchSize, IProgress<ActivationGraphProgress>? progress, CancellationToken cancel)
    {
        int s = examples.Length;
        var x = new float[(long)topology.NodeCount * s];
        var firstRow = new Dictionary<int, int>();
        int offset = 0;
        foreach (var layer in topology.Layers)
        {
            firstRow[layer.Module] = offset;
            offset += layer.Units;
        }
        int start = 0;
        var forward = new ForwardOptions
        {
            To = topology.Layers.Max(l => l.Module),
            Capture = (m, y) =>
            {
                if (firstRow.TryGetValue(m, out int row)) Store(y, x, row, s, start, topology.Convolutional);
            },
        };
        int size = images.ExampleSize;
        Tensor? batch = null;
        progress?.Report(new ActivationGraphProgress(ActivationGraphStage.Forward, 0, s));
        for (start = 0; start < s; start += batchSize)
        {
            cancel.ThrowIfCancellationRequested();
            int n = Math.Min(batchSize, s - start);
            if (batch is null || batch.BatchSize != n) batch = Tensor.Zeros([n, .. network.InputShape]);
            for (int e = 0; e < n; e++)
                images.Image(examples[start + e]).CopyTo(batch.Data.AsSpan(e * size, size));
            network.Forward(batch, forward);
            progress?.Report(new ActivationGraphProgress(ActivationGraphStage.Forward, start + n, s));
        }
        return x;
    }

    // y [n, U] (dense) or [n, U, H, W] (conv, reduced to Σ_{h,w} |a| in double, even for a 1×1 map) → x[row + u, start + e]
    private static void Store(Tensor y, float[] x, int row, int s, int start, bool conv)
    {
        int n = y.Shape[0], units = y.Shape[1], per = y.ExampleLength / units;
        var data = y.Data;
        Parallel.For(0, n, e =>
        {
            for (int u = 0; u < units; u++)
            {
                long to = (long)(row + u) * s + start + e;
                if (!conv)
                {
                    x[to] = data[e * units + u];
                    continue;
                }
                double sum = 0;
                foreach (float a in data.AsSpan((e * units + u) * per, per)) sum += Math.Abs(a);
                x[to] = (float)sum;
            }
        });
    }
}
