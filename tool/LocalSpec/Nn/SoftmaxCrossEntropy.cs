namespace LocalSpec.Nn;

/// <summary>
/// Softmax cross-entropy on logits, mean over the batch, log-sum-exp stabilised:
/// loss = (1/N) Σ_n (log Σ_k exp z_nk − z_n,y_n); ∂loss/∂z = (softmax(z) − onehot(y)) / N.
/// </summary>
public static class SoftmaxCrossEntropy
{
    // logits [N, K], labels [N] → loss; dLogits [N, K] (written unless empty)
    public static LossResult Compute(Tensor logits, ReadOnlySpan<int> labels, Span<float> dLogits = default)
    {
        ArgumentNullException.ThrowIfNull(logits);
        if (logits.Rank != 2) throw new ArgumentException($"Logits must be [N, K], got {Tensor.Format(logits.Shape)}.", nameof(logits));
        int n = logits.Shape[0], k = logits.Shape[1];
        if (labels.Length != n) throw new ArgumentException($"{labels.Length} labels for {n} logit rows.", nameof(labels));
        if (!dLogits.IsEmpty && dLogits.Length != n * k)
            throw new ArgumentException($"dLogits must have {n * k} elements, got {dLogits.Length}.", nameof(dLogits));
        double total = 0;
        int correct = 0;
        for (int i = 0; i < n; i++)
        {
            int label = labels[i];
            if ((uint)label >= (uint)k)
                throw new ArgumentOutOfRangeException(nameof(labels), $"Label {label} of example {i} is outside 0..{k - 1}.");
            ReadOnlySpan<float> z = logits.Data.AsSpan(i * k, k);
            int best = ArgMax(z);
            if (best == label) correct++;
            double max = z[best], sum = 0;
            foreach (float v in z) sum += Math.Exp(v - max);
            double logSumExp = max + Math.Log(sum);
            total += logSumExp - z[label];
            if (dLogits.IsEmpty) continue;
            var d = dLogits.Slice(i * k, k);
            for (int j = 0; j < k; j++) d[j] = (float)((Math.Exp(z[j] - logSumExp) - (j == label ? 1 : 0)) / n);
        }
        return new LossResult(n == 0 ? 0 : total / n, correct, n);
    }

    /// <summary>Loss and a new dLogits tensor [N, K].</summary>
    public static LossResult Compute(Tensor logits, ReadOnlySpan<int> labels, out Tensor dLogits)
    {
        ArgumentNullException.ThrowIfNull(logits);
        dLogits = Tensor.Zeros(logits.Shape);
        return Compute(logits, labels, dLogits.Data);
    }

    /// <summary>Index of the first maximal entry (NaN counts as maximal, as in PyTorch's argmax).</summary>
    public static int ArgMax(ReadOnlySpan<float> row)
    {
        int best = 0;
        for (int j = 1; j < row.Length; j++)
        {
            if (float.IsNaN(row[best])) break;
            if (row[j] > row[best] || float.IsNaN(row[j])) best = j;
        }
        return best;
    }

    /// <summary>Argmax of each row of logits [N, K] → [N].</summary>
    public static int[] Predictions(Tensor logits)
    {
        ArgumentNullException.ThrowIfNull(logits);
        int n = logits.BatchSize, k = logits.ExampleLength;
        var predictions = new int[n];
        for (int i = 0; i < n; i++) predictions[i] = ArgMax(logits.Data.AsSpan(i * k, k));
        return predictions;
    }
}
