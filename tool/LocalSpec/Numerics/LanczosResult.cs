namespace LocalSpec.Numerics;

/// <summary>What <see cref="Lanczos"/> found and what it cost.</summary>
/// <param name="Pairs">The K wanted eigenpairs, ascending, canonical signs.</param>
/// <param name="Products">How many times A x was computed.</param>
/// <param name="Restarts">How many thick restarts were made.</param>
/// <param name="MaxResidual">max over the pairs of ‖A x − θ x‖ / ‖A‖ (the Ritz estimate |β_M y_M|).</param>
/// <param name="Converged">Whether every pair met the tolerance.</param>
public sealed record LanczosResult(SymmetricEigenPairs Pairs, int Products, int Restarts, double MaxResidual, bool Converged);
