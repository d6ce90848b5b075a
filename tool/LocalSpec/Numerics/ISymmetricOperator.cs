namespace LocalSpec.Numerics;

/// <summary>
/// A symmetric linear map given only by its action, y = A x: all <see cref="Lanczos"/> needs,
/// so that a sparse or structured matrix never has to be made dense.
/// </summary>
public interface ISymmetricOperator
{
    /// <summary>N, the order of A.</summary>
    int Size { get; }

    /// <summary>y [N] ← A x [N]. Must be deterministic: the same x gives the same bits.</summary>
    void Apply(ReadOnlySpan<double> x, Span<double> y);
}
