namespace LocalSpec.Graphs;

/// <summary>
/// ρ² of every pair of units, [U, U] row-major, symmetric, zero diagonal. A <see cref="Constant"/>
/// unit (the same value on every example) or one with a NaN value (<see cref="Undefined"/>) has
/// no defined correlation: its row and column are 0 (METHOD.md §2, "NaN → 0").
/// </summary>
public sealed record SquaredSpearmanResult(float[] Squared, bool[] Constant, bool[] Undefined);
