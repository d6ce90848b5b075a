namespace LocalSpec.Stats;

/// <summary>How a random value equal to the true value counts in the percentile rank (METHOD.md §7.1).</summary>
public enum TieRule
{
    /// <summary>The paper's rule: each tie counts one half, so a tie sits in the middle of its rank.</summary>
    Half,

    /// <summary>
    /// The authors' code: a tie counts as not more specialized, which gives the true value the
    /// better rank every time and so biases the test toward significance (for example a proxy
    /// that is 0 for every subcluster yields p′ = 1/(2(n + 1)) everywhere instead of 1/2).
    /// </summary>
    NotMoreSpecialized,
}
