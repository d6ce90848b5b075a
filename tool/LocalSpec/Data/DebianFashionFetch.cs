namespace LocalSpec.Data;

/// <summary>
/// Fetches Fashion-MNIST from the Debian package <c>dataset-fashion-mnist</c> without root:
/// <c>apt-get download</c> (into a scratch folder, pinned version) and <c>dpkg-deb -x</c>, then
/// keeps the four .gz IDX files from <c>usr/share/datasets/fashion-mnist</c>. The .deb and the
/// files are checked against <see cref="PinnedHashes"/>.
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
        ClientResult download = request.Clients.Run(aptGet, ["download", spec], scratch, ClientProcess.DefaultTimeout);
        string[] debs = Directory.GetFiles(scratch, "*.deb");
        if (download.ExitCode != 0 || debs.Length != 1)
            throw new DataException(
                $"apt-get download {spec} failed (exit {download.ExitCode}): {download.LastLine}; " +
                "run apt-get update first, or supply the IDX files with: localspec data fetch fashion-mnist --from DIR");
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
}
