namespace LocalSpec.Numerics;

/// <summary>Where <see cref="OpenBlasLocator"/> may look for OpenBLAS, in its order of preference.</summary>
/// <param name="ExplicitPath">A library file the user named (LOCALSPEC_OPENBLAS); when set, it is the only route.</param>
/// <param name="SearchSystem">Try the dynamic loader's paths and the usual Debian/Fedora locations.</param>
/// <param name="CacheRoot">LocalSpec's cache; native libraries live under <c>native/openblas-&lt;version&gt;/</c>.</param>
/// <param name="AllowAcquisition">As a last resort, fetch the Debian package with apt-get into the cache (no root needed).</param>
public sealed record OpenBlasSearch(string? ExplicitPath, bool SearchSystem, string CacheRoot, bool AllowAcquisition)
{
    public const string PathVariable = "LOCALSPEC_OPENBLAS";
    public const string AcquireVariable = "LOCALSPEC_OPENBLAS_ACQUIRE";
    public const string CacheVariable = "LOCALSPEC_CACHE";

    /// <summary>The cache folder holding <c>openblas-&lt;version&gt;/</c> folders.</summary>
    public string NativeDirectory => System.IO.Path.Combine(CacheRoot, "native");

    /// <summary>LocalSpec's own apt package lists (<see cref="AptLists"/>), used when the system's do not know a package.</summary>
    public string AptDirectory => System.IO.Path.Combine(CacheRoot, "apt");

    /// <summary>
    /// LOCALSPEC_OPENBLAS, then the system, then the cache ($LOCALSPEC_CACHE, else
    /// $XDG_CACHE_HOME/localspec, else ~/.cache/localspec), then apt-get unless
    /// LOCALSPEC_OPENBLAS_ACQUIRE=0.
    /// </summary>
    public static OpenBlasSearch FromEnvironment()
    {
        string? path = Environment.GetEnvironmentVariable(PathVariable);
        string? acquire = Environment.GetEnvironmentVariable(AcquireVariable);
        bool allowAcquisition = acquire is null || !(acquire is "0" or "false" or "no" or "off");
        return new OpenBlasSearch(string.IsNullOrWhiteSpace(path) ? null : path, true, DefaultCacheRoot(), allowAcquisition);
    }

    public static string DefaultCacheRoot()
    {
        string? root = Environment.GetEnvironmentVariable(CacheVariable);
        if (!string.IsNullOrWhiteSpace(root)) return root;
        string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrWhiteSpace(xdg)) return System.IO.Path.Combine(xdg, "localspec");
        return System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "localspec");
    }
}
