namespace LocalSpec.Stats;

/// <summary>
/// Where a true subcluster's value falls among its n random controls, oriented so that low means
/// more specialized (METHOD.md §7.1–7.2, the paper's §3.2 and footnote 4).
/// </summary>
/// <param name="Rank">r = #{random values more specialized than the true one} + (ties per the rule); a multiple of ½ in [0, n].</param>
/// <param name="RandomCount">n, the number of random controls.</param>
public sealed record PercentileRank(double Rank, int RandomCount)
{
    /// <summary>p = (r + 1)/(n + 1), in [1/(n + 1), 1].</summary>
    public double Percentile => (Rank + 1) / (RandomCount + 1);

    /// <summary>
    /// p′ = p − 1/(2(n + 1)) = (r + ½)/(n + 1), in (0, 1): the centred percentile that enters the
    /// Fisher statistic. Under the null (true and random values exchangeable, no ties) r is
    /// uniform on {0, …, n}, so p′ is uniform on {1/(2(n + 1)), …, 1 − 1/(2(n + 1))}, which for
    /// n = 19 is {0.025, 0.075, …, 0.975} with mean ½.
    /// </summary>
    public double Centred => (Rank + 0.5) / (RandomCount + 1);

    /// <summary>The rank of <paramref name="trueValue"/> among <paramref name="randomValues"/> (length n ≥ 1).</summary>
    /// <param name="higherIsMoreSpecialized">True for accuracy drop, class range and visualization score; false for softmax entropy (METHOD.md §6).</param>
    public static PercentileRank Of(double trueValue, ReadOnlySpan<double> randomValues, bool higherIsMoreSpecialized, TieRule ties = TieRule.Half)
    {
        // Input validation
        if (double.IsNaN(trueValue) || double.IsInfinity(trueValue))
            throw new ArgumentException($"the true value must be finite (got {trueValue})", nameof(trueValue));
        if (randomValues.IsEmpty)
            throw new ArgumentException("a percentile needs at least one random value", nameof(randomValues));
        if (!Enum.IsDefined(ties))
            throw new ArgumentOutOfRangeException(nameof(ties), ties, "unknown tie rule");

        // Main algorithm: count the random values on the specialized side of the true value.
        int more = 0, tied = 0;
        for (int i = 0; i < randomValues.Length; i++)
        {
            double v = randomValues[i];
            if (double.IsNaN(v) || double.IsInfinity(v))
                throw new ArgumentException($"random value {i} must be finite (got {v})", nameof(randomValues));
            if (v == trueValue) tied++;
            else if (higherIsMoreSpecialized ? v > trueValue : v < trueValue) more++;
        }
        double rank = ties == TieRule.Half ? more + 0.5 * tied : more;
        return new PercentileRank(rank, randomValues.Length);
    }
}
