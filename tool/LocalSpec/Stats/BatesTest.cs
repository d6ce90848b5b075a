namespace LocalSpec.Stats;

/// <summary>
/// Combines the p-values of R identically configured replicates by the Bates test (the paper's
/// §3.2 and footnotes 6–7): under the null the R p-values are independent uniforms, so their mean
/// has the Bates(R) distribution, and a small mean is evidence of specialization.
/// </summary>
public static class BatesTest
{
    /// <summary>P = F_R(Σ p_i), with F_R the Irwin–Hall CDF (<see cref="IrwinHall.Cdf"/>). For R = 1, P = p_1.</summary>
    public static BatesResult Combine(IReadOnlyList<PValue> pValues)
    {
        // Input validation
        ArgumentNullException.ThrowIfNull(pValues);
        if (pValues.Count == 0)
            throw new ArgumentException("the Bates test needs at least one p-value (no replicates)", nameof(pValues));
        for (int i = 0; i < pValues.Count; i++)
        {
            if (!pValues[i].IsValid)
                throw new ArgumentException($"p-value {i} is default(PValue), not a p-value", nameof(pValues));
        }

        // Main algorithm: Σ p_i exactly (IrwinHall.CdfOfSum), not R·mean, which would round twice.
        double sum = 0;
        foreach (var p in pValues) sum += p.P;
        return new BatesResult(pValues.Count, sum / pValues.Count, IrwinHall.CdfOfSum(pValues));
    }

    /// <summary>The same for plain p-values in [0, 1].</summary>
    public static BatesResult Combine(ReadOnlySpan<double> pValues)
    {
        var values = new PValue[pValues.Length];
        for (int i = 0; i < pValues.Length; i++)
        {
            if (!(pValues[i] >= 0 && pValues[i] <= 1))
                throw new ArgumentOutOfRangeException(nameof(pValues), pValues[i], $"p-value {i} must be a number in [0, 1]");
            values[i] = PValue.FromP(pValues[i]);
        }
        return Combine(values);
    }
}
