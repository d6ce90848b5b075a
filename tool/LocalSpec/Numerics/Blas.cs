namespace LocalSpec.Numerics;

/// <summary>
/// The process-wide BLAS provider. Numeric code calls <see cref="Current"/>; tests may pass an
/// explicit <see cref="IBlas"/> instead.
/// </summary>
public static class Blas
{
    private static readonly Lazy<IBlas> s_resolved = new(BlasProvider.Resolve, LazyThreadSafetyMode.ExecutionAndPublication);
    private static volatile IBlas? s_override;
    [ThreadStatic] private static IBlas? t_thread;

    /// <summary>
    /// The provider in use: chosen once, on first use, by <see cref="BlasProvider.Resolve()"/>
    /// unless a test has set one. Its <see cref="IBlas.Description"/> is the start-up banner line.
    /// </summary>
    /// <exception cref="BlasUnavailableException">LOCALSPEC_BLAS asks for a provider that cannot be had.</exception>
    public static IBlas Current
    {
        get => t_thread ?? s_override ?? s_resolved.Value;
        set => s_override = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>
    /// Makes <paramref name="blas"/> the calling thread's provider until the scope is disposed: for
    /// one worker of several that each run whole computations with a one-thread GEMM.
    /// </summary>
    internal static ThreadScope OnThisThread(IBlas blas)
    {
        ArgumentNullException.ThrowIfNull(blas);
        var previous = t_thread;
        t_thread = blas;
        return new ThreadScope(previous);
    }

    internal readonly struct ThreadScope(IBlas? previous) : IDisposable
    {
        public void Dispose() => t_thread = previous;
    }
}
