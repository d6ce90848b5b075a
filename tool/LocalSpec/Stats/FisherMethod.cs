namespace LocalSpec.Stats;

/// <summary>Fisher's combination of one network's centred subcluster percentiles (the paper's §3.2).</summary>
public static class FisherMethod
{
    /// <summary>
    /// F = −(1/m) Σ_{i=1}^{m} ln p′_i and P = P(χ²_{2m} ≥ 2mF) (METHOD.md §7.3–7.4). Under the
    /// continuous null −2 ln p′ ~ χ²_2, so 2mF ~ χ²_{2m}; this equals
    /// scipy.stats.combine_pvalues(p′, method='fisher') with statistic 2mF.
    /// </summary>
    /// <param name="centredPercentiles">p′_i ∈ (0, 1], one per analysed subcluster (<see cref="PercentileRank.Centred"/>).</param>
    public static FisherResult Combine(ReadOnlySpan<double> centredPercentiles)
    {
        // Input validation
        if (centredPercentiles.IsEmpty)
            throw new ArgumentException("Fisher's method needs at least one percentile (the network has no analysed subclusters)", nameof(centredPercentiles));
        for (int i = 0; i < centredPercentiles.Length; i++)
        {
            double p = centredPercentiles[i];
            if (!(p > 0 && p <= 1))
                throw new ArgumentOutOfRangeException(nameof(centredPercentiles), p, $"percentile {i} must be in (0, 1]");
        }

        // Main algorithm. The sum is compensated (Neumaier): the p-value's relative sensitivity to
        // the sum is about mF, so a plain sum's m·ulp error would cost digits for large m.
        int m = centredPercentiles.Length;
        double sumLog = 0, compensation = 0;
        foreach (double p in centredPercentiles)
        {
            double term = Math.Log(p);
            double t = sumLog + term;
            compensation += Math.Abs(sumLog) >= Math.Abs(term) ? (sumLog - t) + term : (term - t) + sumLog;
            sumLog = t;
        }
        sumLog += compensation;
        double statistic = 0.0 - sumLog / m; // not −sumLog/m: an all-ones input must give +0, not −0
        return new FisherResult(m, statistic, ChiSquared.Survival(2 * m, -2 * sumLog));
    }
}
