namespace LocalSpec.Partitioning;

/// <summary>Settings of <see cref="KMeans"/>; the defaults are scikit-learn 1.2's except <see cref="Restarts"/> (METHOD.md §4).</summary>
public sealed record KMeansOptions
{
    /// <summary>Independent k-means++ starts; the lowest inertia wins (scikit-learn's <c>n_init</c>).</summary>
    public int Restarts { get; init; } = 25;

    /// <summary>Lloyd iterations per start at most.</summary>
    public int MaxIterations { get; init; } = 300;

    /// <summary>Converged when the centres move less than this (summed squared shift) times the mean per-feature variance.</summary>
    public double Tolerance { get; init; } = 1e-4;

    /// <summary>Candidates tried per k-means++ centre, the best kept; 0 means 2 + ⌊ln K⌋ (Arthur &amp; Vassilvitskii, as scikit-learn).</summary>
    public int LocalTrials { get; init; }

    /// <summary>Start r draws from <c>new Rng(Seed).Fork(r)</c>, so the result does not depend on how restarts are scheduled.</summary>
    public ulong Seed { get; init; }
}
