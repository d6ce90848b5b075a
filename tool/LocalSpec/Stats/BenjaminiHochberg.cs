namespace LocalSpec.Stats;

/// <summary>False discovery rate control by Benjamini &amp; Hochberg (1995) over all cells of a results table.</summary>
public static class BenjaminiHochberg
{
    public const double DefaultAlpha = 0.05;

    /// <summary>
    /// Sort p_(1) ≤ … ≤ p_(m); the critical value is p_(k) with k = max{j : p_(j) ≤ jα/m} (the
    /// paper's A.8), and every p ≤ p_(k) is significant; with no such j nothing is.
    /// </summary>
    public static BenjaminiHochbergResult Apply(ReadOnlySpan<double> pValues, double alpha = DefaultAlpha)
    {
        // Input validation
        if (!(alpha > 0 && alpha < 1))
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be in (0, 1)");
        int[] order = SortedOrder(pValues);

        // Main algorithm
        int m = pValues.Length;
        double? critical = null;
        for (int j = m; j >= 1; j--)
        {
            double p = pValues[order[j - 1]];
            if (p <= j * alpha / m)
            {
                critical = p;
                break;
            }
        }
        var significant = new bool[m];
        for (int i = 0; i < m; i++) significant[i] = critical is double c && pValues[i] <= c;
        return new BenjaminiHochbergResult(alpha, critical, significant, Adjust(pValues, order));
    }

    /// <summary>
    /// BH-adjusted p-values, as scipy.stats.false_discovery_control(ps, method='bh') (scipy 1.11):
    /// p̃_(j) = min_{i ≥ j} p_(i)·m/i, clipped to [0, 1]; rejecting p̃ ≤ α is the same procedure
    /// as <see cref="Apply"/> up to rounding at the boundary.
    /// </summary>
    public static double[] Adjust(ReadOnlySpan<double> pValues) => Adjust(pValues, SortedOrder(pValues));

    private static double[] Adjust(ReadOnlySpan<double> pValues, int[] order)
    {
        int m = pValues.Length;
        var adjusted = new double[m];
        if (m == 1)
        {
            adjusted[0] = pValues[0];                               // scipy returns a single p unchanged
            return adjusted;
        }
        double running = double.PositiveInfinity;
        for (int j = m; j >= 1; j--)
        {
            int i = order[j - 1];
            running = Math.Min(running, pValues[i] * ((double)m / j)); // scipy: ps *= m / i, then a reversed running minimum
            adjusted[i] = Math.Clamp(running, 0, 1);
        }
        return adjusted;
    }

    /// <summary>Indices that sort the p-values ascending (stable), after checking each is in [0, 1].</summary>
    private static int[] SortedOrder(ReadOnlySpan<double> pValues)
    {
        if (pValues.IsEmpty)
            throw new ArgumentException("Benjamini–Hochberg needs at least one p-value (the table is empty)", nameof(pValues));
        var keys = new double[pValues.Length];
        for (int i = 0; i < pValues.Length; i++)
        {
            if (!(pValues[i] >= 0 && pValues[i] <= 1))
                throw new ArgumentOutOfRangeException(nameof(pValues), pValues[i], $"p-value {i} must be a number in [0, 1]");
            keys[i] = pValues[i];
        }
        int[] order = Enumerable.Range(0, pValues.Length).ToArray();
        Array.Sort(order, (a, b) => keys[a] != keys[b] ? keys[a].CompareTo(keys[b]) : a.CompareTo(b));
        return order;
    }
}
