namespace LocalSpec.Numerics;

/// <summary>
/// K eigenpairs of a symmetric N×N matrix, eigenvalues ascending. <see cref="Vectors"/> is
/// [K, N] row-major: eigenvector i is the contiguous row i, unit length, the rows orthonormal.
/// </summary>
public sealed class SymmetricEigenPairs
{
    public SymmetricEigenPairs(double[] values, double[] vectors, int size)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        if (vectors.Length != (long)values.Length * size)
            throw new ArgumentException($"vectors has {vectors.Length} entries, expected {values.Length}×{size}", nameof(vectors));
        Values = values;
        Vectors = vectors;
        Size = size;
    }

    /// <summary>[K], ascending.</summary>
    public double[] Values { get; }

    /// <summary>[K, N]: row i is the eigenvector of <c>Values[i]</c>.</summary>
    public double[] Vectors { get; }

    /// <summary>N, the matrix order.</summary>
    public int Size { get; }

    /// <summary>K, the number of pairs.</summary>
    public int Count => Values.Length;

    public ReadOnlySpan<double> Vector(int i) => Vectors.AsSpan(i * Size, Size);
}
