namespace LocalSpec.Stats;

/// <summary>Fisher's method over one network's m subclusters (METHOD.md §7.3–7.4).</summary>
/// <param name="Count">m, the number of centred percentiles combined.</param>
/// <param name="Statistic">The Fisher statistic F = −(1/m) Σ ln p′_i (the paper's normalisation; scipy's combine_pvalues reports 2mF).</param>
/// <param name="PValue">P(χ²_{2m} ≥ 2mF).</param>
public sealed record FisherResult(int Count, double Statistic, PValue PValue)
{
    /// <summary>
    /// The null mean of F for centred percentiles with n random controls: E[−ln p′] with p′ uniform
    /// on {(r + ½)/(n + 1) : r = 0, …, n}. For n = 19 this is 0.98278 (the paper's "0.98"), not the
    /// continuous value 1: the discrete, centred percentiles make the χ² test conservative (footnote 5).
    /// </summary>
    public static double NullMean(int randomCount)
    {
        if (randomCount < 1) throw new ArgumentOutOfRangeException(nameof(randomCount), randomCount, "need at least one random value");
        double sum = 0;
        for (int r = 0; r <= randomCount; r++) sum -= Math.Log((r + 0.5) / (randomCount + 1));
        return sum / (randomCount + 1);
    }
}
