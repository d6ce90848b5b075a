namespace LocalSpec.Tests.Graphs;

/// <summary>
/// The test oracle for Spearman correlations: average ranks by counting (O(S²)), then Pearson's
/// formula in double, one pair at a time. Shares no code with <see cref="LocalSpec.Graphs.SquaredSpearman"/>.
/// </summary>
internal static class NaiveSpearman
{
    /// <summary>ρ_ij of two value sequences (NaN when either is constant).</summary>
    public static double Rho(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        double[] ra = Ranks(a), rb = Ranks(b);
        double ma = ra.Average(), mb = rb.Average(), sab = 0, saa = 0, sbb = 0;
        for (int e = 0; e < ra.Length; e++)
        {
            sab += (ra[e] - ma) * (rb[e] - mb);
            saa += (ra[e] - ma) * (ra[e] - ma);
            sbb += (rb[e] - mb) * (rb[e] - mb);
        }
        return sab / Math.Sqrt(saa * sbb);
    }

    /// <summary>ρ² of every pair of units (columns[u] = unit u's values), NaN → 0, zero diagonal.</summary>
    public static double[] Squared(IReadOnlyList<double[]> units)
    {
        int u = units.Count;
        var result = new double[u * u];
        for (int i = 0; i < u; i++)
        {
            for (int j = 0; j < u; j++)
            {
                double rho = i == j ? double.NaN : Rho(units[i], units[j]);
                result[i * u + j] = double.IsNaN(rho) ? 0 : rho * rho;
            }
        }
        return result;
    }

    public static double[] Ranks(IReadOnlyList<double> values)
    {
        var ranks = new double[values.Count];
        for (int e = 0; e < values.Count; e++)
        {
            int less = 0, equal = 0;
            foreach (double v in values)
            {
                if (v < values[e]) less++;
                else if (v == values[e]) equal++;
            }
            ranks[e] = less + (equal + 1) / 2.0;
        }
        return ranks;
    }
}
