namespace LocalSpec.Stats;

/// <summary>Mean ± standard error of effect measures over all subclusters of all replicates (METHOD.md §7.7).</summary>
/// <param name="Count">The number of effect measures (subclusters).</param>
/// <param name="Mean">Their mean.</param>
/// <param name="StandardError">Sample standard deviation (n − 1 denominator) / √n; null for a single subcluster, where it is undefined.</param>
public sealed record EffectSummary(int Count, double Mean, double? StandardError)
{
    public static EffectSummary Of(ReadOnlySpan<double> effects)
    {
        // Input validation
        if (effects.IsEmpty)
            throw new ArgumentException("an effect summary needs at least one subcluster", nameof(effects));
        double sum = 0;
        for (int i = 0; i < effects.Length; i++)
        {
            if (!(effects[i] >= 0 && effects[i] <= 2))
                throw new ArgumentOutOfRangeException(nameof(effects), effects[i], $"effect {i} must be in [0, 2]");
            sum += effects[i];
        }

        // Main algorithm: two passes, so the variance does not lose digits to the mean.
        int n = effects.Length;
        double mean = sum / n;
        if (n == 1) return new EffectSummary(1, mean, null);
        double squares = 0;
        foreach (double e in effects) squares += (e - mean) * (e - mean);
        return new EffectSummary(n, mean, Math.Sqrt(squares / (n - 1)) / Math.Sqrt(n));
    }

    /// <summary>
    /// The paper's Table 2 bold rule: the mean is more than two standard errors from 1 on the side of
    /// specialization: mean − 2·SE &gt; 1 when higher values are more specialized, mean + 2·SE &lt; 1
    /// for softmax entropy. False when the standard error is undefined.
    /// </summary>
    public bool IsMoreSpecializedThanRandom(bool higherIsMoreSpecialized) =>
        StandardError is double se && (higherIsMoreSpecialized ? Mean - 2 * se > 1 : Mean + 2 * se < 1);
}
