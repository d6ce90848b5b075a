using LocalSpec.Nn;

namespace LocalSpec.Measures;

/// <summary>
/// Whether a fast path's logits decide the prediction: the top-two margin must exceed
/// <see cref="LesionOptions.TieTolerance"/>·(1 + |logits|∞ + |intact logits|∞) and every logit
/// must be finite; otherwise the row is recomputed with the naive path's arithmetic.
/// </summary>
internal static class LesionDecision
{
    /// <summary>The argmax of <paramref name="logits"/>, or −1 when the row is a near-tie or not finite.</summary>
    public static int Decide(ReadOnlySpan<float> logits, float intactScale, double tolerance)
    {
        int best = SoftmaxCrossEntropy.ArgMax(logits);
        float second = float.NegativeInfinity, scale = 0;
        for (int j = 0; j < logits.Length; j++)
        {
            if (j != best && logits[j] > second) second = logits[j];
            scale = Math.Max(scale, Math.Abs(logits[j]));
        }
        double margin = (double)logits[best] - second, allowed = tolerance * (1 + scale + intactScale);
        return margin > allowed && float.IsFinite(scale) ? best : -1;
    }
}
