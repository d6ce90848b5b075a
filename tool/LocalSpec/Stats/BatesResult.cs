namespace LocalSpec.Stats;

/// <summary>The Bates combination of R replicate p-values (METHOD.md §7.5).</summary>
/// <param name="Count">R, the number of replicates.</param>
/// <param name="MeanP">The mean of the R p-values (as doubles; tiny ones count as their double value).</param>
/// <param name="PValue">P(mean of R independent uniforms ≤ the observed mean) = F_R(R · mean), the Irwin–Hall CDF.</param>
public sealed record BatesResult(int Count, double MeanP, PValue PValue);
