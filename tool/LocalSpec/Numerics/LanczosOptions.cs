namespace LocalSpec.Numerics;

/// <summary>Settings of <see cref="Lanczos"/>; the defaults suit the normalized adjacency of a neuron graph.</summary>
public sealed record LanczosOptions
{
    /// <summary>
    /// Basis size M before a restart; 0 chooses max(2K + 1, K + 24), capped at N. Larger M means
    /// fewer restarts but more reorthogonalization per product.
    /// </summary>
    public int SubspaceSize { get; init; }

    /// <summary>A Ritz pair (θ, x) is accepted when ‖A x − θ x‖ ≤ Tolerance · ‖A‖ (‖A‖ estimated by the largest |θ|).</summary>
    public double Tolerance { get; init; } = 1e-10;

    /// <summary>Give up (with <see cref="LanczosResult.Converged"/> false) after this many products A x.</summary>
    public int MaxProducts { get; init; } = 20_000;

    /// <summary>Seeds the start vector (uniform on [−1, 1]ᴺ, as ARPACK's v0) and any restart after a breakdown.</summary>
    public ulong Seed { get; init; }
}
