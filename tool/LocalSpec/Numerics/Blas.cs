namespace LocalSpec.Numerics;

/// <summary>
/// The process-wide BLAS provider. Numeric code calls <see cref="Current"/>; tests may pass an
/// explicit <see cref="IBlas"/> instead.
/// </summary>
public static class Blas
{
    private static IBlas? _current;

    /// <summary>The provider in use (chosen once, on first use).</summary>
    public static IBlas Current
    {
        get => _current ??= ReferenceBlas.Instance;
        set => _current = value ?? throw new ArgumentNullException(nameof(value));
    }
}
