namespace LocalSpec.Measures;

/// <summary>
/// The feature-visualisation objective ‖Act(x, θ, c)‖₁ (METHOD.md §6, the paper's A.6) on one
/// example's pre-activations a [U, P] — the output of the dense (P = 1) or conv (P = H·W) module of
/// "layers.{i}". For conv channels it is the L1 norm of the feature maps' L1 norms, which is the plain
/// sum of |a[u, p]| over u ∈ c and every position p.
/// </summary>
internal static class FeatureVisObjective
{
    // a [U, P], units ⊆ 0..U−1 → Σ_{u∈c} Σ_p |a[u, p]| (accumulated in double, in index order)
    public static double L1(ReadOnlySpan<float> a, int perUnit, ReadOnlySpan<int> units)
    {
        double sum = 0;
        foreach (int u in units)
        {
            foreach (float value in a.Slice(u * perUnit, perUnit)) sum += Math.Abs(value);
        }
        return sum;
    }

    // a [U, P] → dA [U, P] = ∂(−‖Act‖₁)/∂a = −sign(a) on the units of c, 0 elsewhere (and at a = 0, the subgradient 0)
    public static void DescentGradient(ReadOnlySpan<float> a, int perUnit, ReadOnlySpan<int> units, Span<float> dA)
    {
        if (dA.Length != a.Length) throw new ArgumentException($"dA must have {a.Length} elements, got {dA.Length}.", nameof(dA));
        dA.Clear();
        foreach (int u in units)
        {
            int start = u * perUnit;
            for (int p = start; p < start + perUnit; p++) dA[p] = -MathF.Sign(a[p]);
        }
    }
}
