using System.Runtime.InteropServices;
using System.Text;

namespace LocalSpec.Numerics;

/// <summary>
/// Puts Debian's libopenblas0-pthread (and libgfortran5/libquadmath0 when the system lacks them)
/// into LocalSpec's cache without root, as <c>native/openblas-&lt;version&gt;/</c> holding
/// libopenblas.so.0, any needed runtime libraries, and SOURCE.txt (packages, versions, SHA-256).
/// The folder appears atomically (staged beside it, then renamed), so a crash or a concurrent
/// run never leaves a half-written library where <see cref="OpenBlasLocator"/> would find it.
/// </summary>
internal static class OpenBlasAcquisition
{
    public const string Package = "libopenblas0-pthread";
    public const string LibraryName = "libopenblas.so.0";
    public const string SourceFile = "SOURCE.txt";

    /// <summary>Runtime libraries libopenblas.so.0 needs, in load order, with the packages that ship them.</summary>
    public static readonly (string Soname, string Package)[] Runtime =
    [
        ("libquadmath.so.0", "libquadmath0"),
        ("libgfortran.so.5", "libgfortran5"),
    ];

    /// <summary>
    /// Acquires OpenBLAS into <paramref name="nativeDirectory"/> and returns its folder; apt reads the
    /// system's package lists, or LocalSpec's own in <paramref name="aptDirectory"/> when those do not know the package.
    /// </summary>
    /// <exception cref="InvalidOperationException">Why it could not (tools missing, apt error, checksum mismatch).</exception>
    public static string Acquire(string nativeDirectory, string aptDirectory)
    {
        if (!OperatingSystem.IsLinux())
            throw new InvalidOperationException("acquisition with apt-get works on Linux only");
        if (DebianPackage.MissingTools() is string missing)
            throw new InvalidOperationException(missing);
        DebianPackage openblas = DebianPackage.Find(Package, aptDirectory);
        string final = Path.Combine(nativeDirectory, $"openblas-{openblas.Version.Replace(':', '_')}");
        if (File.Exists(Path.Combine(final, LibraryName))) return final;

        var packages = new List<DebianPackage> { openblas };
        foreach ((string soname, string package) in Runtime)
        {
            if (!NativeLibrary.TryLoad(soname, out _)) packages.Add(DebianPackage.Query(package, openblas.Lists));
        }

        Directory.CreateDirectory(nativeDirectory);
        string staging = Path.Combine(nativeDirectory, $".staging-{Guid.NewGuid():N}");
        try
        {
            string tree = Path.Combine(staging, "tree"), output = Path.Combine(staging, "out");
            foreach (DebianPackage package in packages)
                package.DownloadAndExtract(Path.Combine(staging, "debs", package.Name), tree);
            Directory.CreateDirectory(output);
            CopyLibrary(tree, LibraryName, output, underFolder: "openblas-pthread");
            foreach ((string soname, string package) in Runtime)
            {
                if (packages.Any(p => p.Name == package)) CopyLibrary(tree, soname, output, underFolder: null);
            }
            File.WriteAllText(Path.Combine(output, SourceFile), Describe(packages));
            Publish(output, final);
            return final;
        }
        finally
        {
            TryDelete(staging);
        }
    }

    /// <summary>The runtime libraries in <paramref name="folder"/> to load before libopenblas.so.0.</summary>
    public static IReadOnlyList<string> Preloads(string folder) =>
        Runtime.Select(r => Path.Combine(folder, r.Soname)).Where(File.Exists).ToArray();

    // Copies the file a soname (often a symlink) resolves to, under the soname.
    private static void CopyLibrary(string tree, string soname, string output, string? underFolder)
    {
        string found = Directory.EnumerateFileSystemEntries(tree, soname, SearchOption.AllDirectories)
            .Where(path => underFolder is null || Path.GetFileName(Path.GetDirectoryName(path)) == underFolder)
            .Order(StringComparer.Ordinal)
            .FirstOrDefault()
            ?? throw new InvalidOperationException($"the extracted packages contain no {soname}");
        string target = File.ResolveLinkTarget(found, returnFinalTarget: true)?.FullName ?? found;
        File.Copy(target, Path.Combine(output, soname));
    }

    private static string Describe(IEnumerable<DebianPackage> packages)
    {
        var text = new StringBuilder("# Acquired by LocalSpec with apt-get download + dpkg-deb -x; SHA-256 of each .deb as apt-cache lists it.\n");
        foreach (DebianPackage p in packages) text.Append($"{p.Name} {p.Version} sha256:{p.Sha256}\n");
        return text.ToString();
    }

    // Renames the staged folder into place; if another process got there first, its copy stands.
    private static void Publish(string staged, string final)
    {
        try
        {
            Directory.Move(staged, final);
        }
        catch (IOException) when (File.Exists(Path.Combine(final, LibraryName)))
        {
        }
    }

    /// <summary>Deletes a staging or superseded folder, ignoring what another process or the OS holds.</summary>
    internal static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
