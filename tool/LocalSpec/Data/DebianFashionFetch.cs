using LocalSpec.Numerics;

namespace LocalSpec.Data;

/// <summary>
/// Fetches Fashion-MNIST from the Debian package <c>dataset-fashion-mnist</c> without root:
/// <c>apt-get download</c> (into a scratch folder, pinned version) and <c>dpkg-deb -x</c>, then
/// keeps the four .gz IDX files from <c>usr/share/datasets/fashion-mnist</c>. The .deb and the
/// files are checked against <see cref="PinnedHashes"/>. When the system's package lists do not
/// have the pinned version (often: a fresh container whose lists were never fetched), apt-get uses
/// LocalSpec's own lists (<see cref="AptLists"/>), fetched without root.
/// </summary>
internal static class DebianFashionFetch
{
    public static void Fetch(string folder, FetchRequest request)
    {
        string? aptGet = request.Clients.Find("apt-get");
        string? dpkgDeb = request.Clients.Find("dpkg-deb");
        if (aptGet is null || dpkgDeb is null)
            throw new DataException(
                "fetching fashion-mnist needs apt-get and dpkg-deb (Debian/Ubuntu); install them or supply the IDX files with: localspec data fetch fashion-mnist --from DIR");

        string scratch = Directory.CreateDirectory(Path.Combine(folder, ".download")).FullName;
        string spec = $"{PinnedHashes.DebianFashionPackage}={PinnedHashes.DebianFashionVersion}";
        request.Log?.Invoke($"fetching fashion-mnist: apt-get download {spec}");
        string[] debs = Download(request, aptGet, spec, scratch);
        ImportFolder.RequireHash(debs[0], PinnedHashes.DebianFashionDebSha256, $"the Debian package {spec}");

        string extracted = Path.Combine(scratch, "root");
        ClientResult unpack = request.Clients.Run(dpkgDeb, ["-x", debs[0], extracted], scratch, ClientProcess.DefaultTimeout);
        if (unpack.ExitCode != 0)
            throw new DataException($"dpkg-deb -x {debs[0]} failed (exit {unpack.ExitCode}): {unpack.LastLine}");

        foreach ((string name, string sha256) in PinnedHashes.DebianFashionGzSha256)
        {
            string source = Path.Combine(extracted, PinnedHashes.DebianFashionDirectory, name);
            if (!File.Exists(source))
                throw new DataException($"{debs[0]}: the package has no {PinnedHashes.DebianFashionDirectory}/{name}");
            ImportFolder.CopyInto(source, folder, name);
            ImportFolder.RequireHash(Path.Combine(folder, name), sha256, $"{name} of the Debian package {spec}");
        }
        Directory.Delete(scratch, recursive: true);
    }

    // apt-get download with the system's package lists, else with LocalSpec's own (AptLists).
    private static string[] Download(FetchRequest request, string aptGet, string spec, string scratch)
    {
        try
        {
            return AptLists.WithFallback(AptLists.DefaultFolder, lists =>
            {
                ClientResult download = request.Clients.Run(aptGet, [.. lists.Options, "download", spec], scratch, ClientProcess.DefaultTimeout);
                return Downloaded(download, scratch)
                    ?? throw new InvalidOperationException($"apt-get download {spec} failed (exit {download.ExitCode}): {download.LastLine}");
            }, aptGet, message => request.Log?.Invoke($"fetching fashion-mnist: {message}"));
        }
        catch (InvalidOperationException e)
        {
            throw new DataException($"{e.Message}; supply the IDX files with: localspec data fetch fashion-mnist --from DIR");
        }
    }

    // The one .deb a successful download left in the scratch folder; after a failure, any partial file is removed.
    private static string[]? Downloaded(ClientResult download, string scratch)
    {
        string[] debs = Directory.GetFiles(scratch, "*.deb");
        if (download.ExitCode == 0 && debs.Length == 1) return debs;
        foreach (string deb in debs) File.Delete(deb);
        return null;
    }
}
