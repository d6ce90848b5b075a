namespace LocalSpec.Measures;

/// <summary>One lesioned unit set and the two lesion proxies it yields (METHOD.md §6).</summary>
public sealed class LesionOutcome
{
    internal LesionOutcome(int[] units, LesionScore score, LesionScore baseline, LesionAccuracy accuracy, int recomputed)
    {
        Units = units;
        Score = score;
        AccDrop = baseline.AccuracyOf(accuracy) - score.AccuracyOf(accuracy);
        ClassRange = Range(baseline, score);
        Recomputed = recomputed;
    }

    /// <summary>The lesioned units of layers.{i} (as given).</summary>
    public IReadOnlyList<int> Units { get; }

    /// <summary>The lesioned network on the test set.</summary>
    public LesionScore Score { get; }

    /// <summary><c>lesion.acc_drop</c> = Acc(θ) − Acc(M(θ, c)), with the engine's <see cref="LesionAccuracy"/>. Higher = more important.</summary>
    public double AccDrop { get; }

    /// <summary>
    /// <c>lesion.class_range</c> = max_k Δ_k − min_k Δ_k, Δ_k the accuracy drop on the test examples of
    /// class k, over the classes present in the test set. Higher = more coherent.
    /// </summary>
    public double ClassRange { get; }

    /// <summary>Fast path only: how many of this lesion's predictions were near-ties recomputed the naive way.</summary>
    public int Recomputed { get; }

    private static double Range(LesionScore baseline, LesionScore lesioned)
    {
        double max = double.NegativeInfinity, min = double.PositiveInfinity;
        for (int k = 0; k < baseline.ClassAccuracies.Count; k++)
        {
            if (baseline.ClassExamples[k] == 0) continue;
            double drop = baseline.ClassAccuracies[k] - lesioned.ClassAccuracies[k];
            max = Math.Max(max, drop);
            min = Math.Min(min, drop);
        }
        return max >= min ? max - min : double.NaN;
    }
}
