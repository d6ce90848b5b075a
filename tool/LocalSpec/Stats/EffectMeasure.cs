namespace LocalSpec.Stats;

/// <summary>The per-subcluster effect measure of the paper's §3.2 (METHOD.md §7.7).</summary>
public static class EffectMeasure
{
    /// <summary>
    /// e = 2x/(x + μ) with x the true value and μ the mean of the random values, both clipped below
    /// at 0 (footnote 8 clips x; clipping μ too keeps e in [0, 2]); e = 1 where x + μ = 0 (true and
    /// random both null: no difference). e &gt; 1 means the true value is larger than the random
    /// mean, which is more specialized for every proxy except softmax entropy.
    /// </summary>
    public static double Of(double trueValue, ReadOnlySpan<double> randomValues)
    {
        // Input validation
        if (!double.IsFinite(trueValue))
            throw new ArgumentException($"the true value must be finite (got {trueValue})", nameof(trueValue));
        if (randomValues.IsEmpty)
            throw new ArgumentException("an effect measure needs at least one random value", nameof(randomValues));
        double sum = 0;
        for (int i = 0; i < randomValues.Length; i++)
        {
            if (!double.IsFinite(randomValues[i]))
                throw new ArgumentException($"random value {i} must be finite (got {randomValues[i]})", nameof(randomValues));
            sum += randomValues[i];
        }

        // Main algorithm
        double x = Math.Max(trueValue, 0);
        double mu = Math.Max(sum / randomValues.Length, 0);
        double denominator = x + mu;
        return denominator == 0 ? 1 : 2 * x / denominator;
    }
}
