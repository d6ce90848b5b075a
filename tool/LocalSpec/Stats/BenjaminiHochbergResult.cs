namespace LocalSpec.Stats;

/// <summary>The Benjamini–Hochberg procedure over one table of p-values (METHOD.md §7.6, the paper's A.8).</summary>
/// <param name="Alpha">The false discovery rate controlled.</param>
/// <param name="CriticalP">p_(k), the largest sorted p-value with p_(j) ≤ jα/m; null when there is none.</param>
/// <param name="Significant">Per input (in input order): p ≤ <paramref name="CriticalP"/>.</param>
/// <param name="AdjustedP">Per input (in input order): the BH-adjusted p-value, as scipy.stats.false_discovery_control(method='bh').</param>
public sealed record BenjaminiHochbergResult(double Alpha, double? CriticalP, IReadOnlyList<bool> Significant, IReadOnlyList<double> AdjustedP)
{
    public int SignificantCount => Significant.Count(s => s);
}
