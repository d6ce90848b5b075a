namespace LocalSpec.Measures;

/// <summary>featvis.entropy (METHOD.md §6): H(softmax(z)) in nats of one example's logits z [K].</summary>
internal static class FeatureVisEntropy
{
    // z [K] → −Σ_k p_k ln p_k with ln p_k = z_k − logsumexp(z), in double
    public static double Of(ReadOnlySpan<float> logits)
    {
        if (logits.IsEmpty) throw new ArgumentException("Entropy needs at least one logit.", nameof(logits));
        double max = double.NegativeInfinity;
        foreach (float z in logits) max = Math.Max(max, z);
        double sum = 0;
        foreach (float z in logits) sum += Math.Exp(z - max);
        // sum ≥ 1, so every ln p_k ≤ 0 and each term −p ln p ≥ 0: the result is never negative
        double logSum = max + Math.Log(sum), entropy = 0;
        foreach (float z in logits)
        {
            double logP = z - logSum;
            entropy -= Math.Exp(logP) * logP;
        }
        // rounding can overshoot the maximum ln K (uniform logits) by an ulp
        return Math.Min(entropy, Math.Log(logits.Length));
    }
}
