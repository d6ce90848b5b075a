namespace LocalSpec.Numerics;

/// <summary>
/// Chooses the process-wide BLAS once: LOCALSPEC_BLAS=managed|openblas|reference forces a
/// provider; otherwise OpenBLAS if <see cref="OpenBlasLocator"/> finds or acquires it, else
/// <see cref="ManagedBlas"/> with the reason in its description (never a silent choice).
/// </summary>
public static class BlasProvider
{
    public const string Variable = "LOCALSPEC_BLAS";

    private static readonly Lazy<OpenBlasLookup> s_openBlas =
        new(() => OpenBlasLocator.Find(OpenBlasSearch.FromEnvironment()), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>OpenBLAS as found from the environment's settings, looked up once per process.</summary>
    public static OpenBlasLookup OpenBlas => s_openBlas.Value;

    /// <summary>The provider the environment asks for.</summary>
    /// <exception cref="BlasUnavailableException">LOCALSPEC_BLAS is invalid, or forces OpenBLAS and none can be loaded.</exception>
    public static IBlas Resolve() => Resolve(Environment.GetEnvironmentVariable(Variable), () => OpenBlas);

    /// <summary>The provider for a LOCALSPEC_BLAS value, with <paramref name="findOpenBlas"/> called only if needed.</summary>
    public static IBlas Resolve(string? preference, Func<OpenBlasLookup> findOpenBlas)
    {
        switch (preference?.Trim().ToLowerInvariant())
        {
            case null or "" or "auto":
                OpenBlasLookup lookup = findOpenBlas();
                return lookup.Blas as IBlas
                    ?? new ManagedBlas(note: $"OpenBLAS unavailable ({lookup.FailureSummary})");
            case "openblas":
                OpenBlasLookup forced = findOpenBlas();
                return forced.Blas
                    ?? throw new BlasUnavailableException($"{Variable}=openblas, but OpenBLAS cannot be loaded: {forced.FailureSummary}");
            case "managed":
                return new ManagedBlas(note: $"chosen by {Variable}=managed");
            case "reference":
                return ReferenceBlas.Instance;
            default:
                throw new BlasUnavailableException($"{Variable} must be managed, openblas or reference (or unset), not '{preference}'.");
        }
    }
}
