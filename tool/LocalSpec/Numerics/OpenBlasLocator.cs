using System.Runtime.InteropServices;

namespace LocalSpec.Numerics;

/// <summary>What <see cref="OpenBlasLocator.Find"/> found: the loaded library, or why every route failed.</summary>
public sealed record OpenBlasLookup(OpenBlas? Blas, IReadOnlyList<string> Failures)
{
    /// <summary>One line: each route that failed and why.</summary>
    public string FailureSummary => Failures.Count == 0 ? "no route tried" : string.Join("; ", Failures);
}

/// <summary>
/// Finds and loads OpenBLAS, in order: the path in LOCALSPEC_OPENBLAS (if set, the only route),
/// the system, LocalSpec's cache, and finally acquisition of the Debian package into the cache.
/// </summary>
public static class OpenBlasLocator
{
    /// <summary>Where Debian (alternatives symlink and flavour folders) and Fedora put the library.</summary>
    private static readonly string[] SystemFolders =
    [
        "/usr/lib/{0}", "/usr/lib/{0}/openblas-pthread", "/usr/lib/{0}/openblas-openmp",
        "/usr/lib/{0}/openblas-serial", "/usr/lib64", "/usr/lib", "/usr/local/lib",
    ];

    public static OpenBlasLookup Find(OpenBlasSearch search)
    {
        var failures = new List<string>();
        OpenBlasEnvironment.PrepareCoreType(); // before any probe loads the library: OpenBLAS reads it once, at load
        if (search.ExplicitPath is string path)
        {
            OpenBlas? chosen = TryLoad(path, [], $"{OpenBlasSearch.PathVariable}", failures);
            return new OpenBlasLookup(chosen, failures);
        }
        OpenBlas? blas = (search.SearchSystem ? FromSystem(failures) : null)
            ?? FromCache(search.NativeDirectory, failures)
            ?? (search.AllowAcquisition ? Acquire(search, failures) : Declined(failures));
        return new OpenBlasLookup(blas, failures);
    }

    private static OpenBlas? FromSystem(List<string> failures)
    {
        if (!OperatingSystem.IsLinux())
        {
            failures.Add("system: OpenBLAS lookup supports Linux only");
            return null;
        }
        // The dynamic loader's own search (LD_LIBRARY_PATH, ld.so.cache) first, then known folders.
        if (NativeLibrary.TryLoad(OpenBlasAcquisition.LibraryName, out _))
            return TryLoad(OpenBlasAcquisition.LibraryName, [], "system", failures);
        string triplet = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "aarch64-linux-gnu" : "x86_64-linux-gnu";
        foreach (string folder in SystemFolders)
        {
            string candidate = Path.Combine(string.Format(folder, triplet), OpenBlasAcquisition.LibraryName);
            if (File.Exists(candidate) && TryLoad(candidate, [], "system", failures) is OpenBlas found) return found;
        }
        failures.Add($"system: no {OpenBlasAcquisition.LibraryName} on the loader path or in /usr/lib/{triplet}[/openblas-*]");
        return null;
    }

    private static OpenBlas? FromCache(string nativeDirectory, List<string> failures)
    {
        string[] folders = Directory.Exists(nativeDirectory)
            ? Directory.GetDirectories(nativeDirectory, "openblas-*")
                .Where(f => File.Exists(Path.Combine(f, OpenBlasAcquisition.LibraryName)))
                .OrderDescending(StringComparer.Ordinal).ToArray()
            : [];
        foreach (string folder in folders)
        {
            if (TryLoad(Path.Combine(folder, OpenBlasAcquisition.LibraryName), OpenBlasAcquisition.Preloads(folder), "cache", failures) is OpenBlas found)
                return found;
        }
        if (folders.Length == 0) failures.Add($"cache: no openblas-*/{OpenBlasAcquisition.LibraryName} in {nativeDirectory}");
        return null;
    }

    private static OpenBlas? Acquire(OpenBlasSearch search, List<string> failures)
    {
        string folder;
        try
        {
            folder = OpenBlasAcquisition.Acquire(search.NativeDirectory, search.AptDirectory);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException
            or System.ComponentModel.Win32Exception)
        {
            failures.Add($"acquisition of {OpenBlasAcquisition.Package}: {e.Message}");
            return null;
        }
        return TryLoad(Path.Combine(folder, OpenBlasAcquisition.LibraryName), OpenBlasAcquisition.Preloads(folder),
            $"acquired with apt-get download {OpenBlasAcquisition.Package}", failures);
    }

    private static OpenBlas? Declined(List<string> failures)
    {
        failures.Add($"acquisition: disabled by {OpenBlasSearch.AcquireVariable}");
        return null;
    }

    private static OpenBlas? TryLoad(string path, IReadOnlyList<string> preload, string origin, List<string> failures)
    {
        try
        {
            return OpenBlas.Load(path, preload, origin);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            failures.Add($"{origin}: cannot load {path}: {LoaderReason(e.Message)}");
            return null;
        }
    }

    // .NET's message is a generic paragraph followed by the dynamic loader's own line (dlerror); keep the latter.
    private static string LoaderReason(string message) =>
        message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? message;
}
