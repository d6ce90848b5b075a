namespace LocalSpec.Nn;

/// <summary>
/// Eval-mode predictions over a flat data array in batches (example j is x[j·L .. (j + 1)·L), L the
/// per-example input length of module options.From). Options may carry unit masks (lesions).
/// </summary>
public static class Evaluator
{
    /// <summary>Argmax class of each of the first <paramref name="count"/> examples.</summary>
    public static int[] Predict(Network network, ReadOnlyMemory<float> x, int count, int batchSize = 256, ForwardOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        options ??= new ForwardOptions();
        if (options.To >= 0 && options.To != network.Layers.Count - 1)
            throw new ArgumentException($"Predictions need the logits: ForwardOptions.To must be −1 (got {options.To}).", nameof(options));
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), $"The batch size must be positive (got {batchSize}).");
        CheckData(network, options.From, x, null, count, "input");
        var shape = options.From == 0 ? network.InputShape : network.Layers[options.From - 1].OutputShape;
        int length = (int)Tensor.Count(shape.ToArray());
        var predictions = new int[count];
        Tensor? batch = null;
        for (int start = 0; start < count; start += batchSize)
        {
            int n = Math.Min(batchSize, count - start);
            if (batch is null || batch.BatchSize != n) batch = Tensor.Zeros([n, .. shape]);
            x.Span.Slice(start * length, n * length).CopyTo(batch.Data);
            var logits = network.Forward(batch, options);
            SoftmaxCrossEntropy.Predictions(logits).CopyTo(predictions, start);
        }
        return predictions;
    }

    /// <summary>Fraction of the first <paramref name="count"/> examples whose argmax equals the label.</summary>
    public static double Accuracy(Network network, ReadOnlyMemory<float> x, int[] y, int count, int batchSize = 256, ForwardOptions? options = null)
    {
        CheckData(network, options?.From ?? 0, x, y, count, "input");
        if (count == 0) return 0;
        int[] predicted = Predict(network, x, count, batchSize, options);
        int correct = 0;
        for (int j = 0; j < count; j++) if (predicted[j] == y[j]) correct++;
        return (double)correct / count;
    }

    internal static void CheckData(Network network, int from, ReadOnlyMemory<float> x, int[]? y, int count, string what)
    {
        if (from < 0 || from >= network.Layers.Count)
            throw new ArgumentOutOfRangeException(nameof(from), $"ForwardOptions.From = {from} is not a module index (0..{network.Layers.Count - 1}).");
        var shape = from == 0 ? network.InputShape : network.Layers[from - 1].OutputShape;
        long length = Tensor.Count(shape.ToArray());
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), $"The {what} count must be non-negative (got {count}).");
        if (x.Length < count * length)
            throw new ArgumentException($"The {what} data has {x.Length} values, fewer than {count} examples × {length} ({Tensor.Format(shape.ToArray())}).", nameof(x));
        if (y is not null && y.Length < count)
            throw new ArgumentException($"The {what} labels have {y.Length} entries, fewer than {count} examples.", nameof(y));
        if (y is null && what != "input")
            throw new ArgumentNullException(nameof(y), $"The {what} labels are missing.");
    }
}
