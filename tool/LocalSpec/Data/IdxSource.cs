using System.IO.Compression;

namespace LocalSpec.Data;

/// <summary>
/// The IDX sets: <c>mnist</c> (60,000/10,000, imported with <c>--from DIR</c>) and
/// <c>fashion-mnist</c> (fetched from the Debian package <c>dataset-fashion-mnist</c>, or imported
/// likewise). Stored as the four files <c>train-images-idx3-ubyte</c>, <c>train-labels-idx1-ubyte</c>,
/// <c>t10k-images-idx3-ubyte</c>, <c>t10k-labels-idx1-ubyte</c>, each with <c>.gz</c> appended when
/// it is gzip-compressed; imports also accept the dotted spelling (<c>train-images.idx3-ubyte</c>).
/// </summary>
internal sealed class IdxSource : IDataSource
{
    private const string TrainImages = "train-images-idx3-ubyte";
    private const string TrainLabels = "train-labels-idx1-ubyte";
    private const string TestImages = "t10k-images-idx3-ubyte";
    private const string TestLabels = "t10k-labels-idx1-ubyte";
    private static readonly string[] BaseNames = [TrainImages, TrainLabels, TestImages, TestLabels];

    private readonly bool _debianPackage;

    private IdxSource(DatasetInfo info, bool debianPackage)
    {
        Info = info;
        _debianPackage = debianPackage;
    }

    public static IdxSource Mnist { get; } = new(new DatasetInfo(
        "mnist", "MNIST, the 60,000/10,000 IDX files (supplied by the user)",
        DataAcquisition.UserSupplied, 1, 28, 28, 60000, 10000, ClassNames.Digits), debianPackage: false);

    public static IdxSource Fashion { get; } = new(new DatasetInfo(
        "fashion-mnist", $"Fashion-MNIST 60,000/10,000 (Debian package {PinnedHashes.DebianFashionPackage})",
        DataAcquisition.DebianPackage, 1, 28, 28, 60000, 10000, ClassNames.Fashion), debianPackage: true);

    public DatasetInfo Info { get; }

    public DataManifest Produce(string folder, FetchRequest request)
    {
        string source;
        if (request.FromDirectory is null && _debianPackage)
        {
            DebianFashionFetch.Fetch(folder, request);
            source = $"apt-get download {PinnedHashes.DebianFashionPackage}={PinnedHashes.DebianFashionVersion} (pinned SHA-256 verified)";
        }
        else
        {
            string directory = ImportFolder.RequireDirectory(request.FromDirectory, Info.Name);
            ImportFrom(directory, folder);
            ValidateStructure(folder);
            source = $"imported from {directory}" + FashionIdentity(folder, request.Log);
        }
        return new DataManifest
        {
            Name = Info.Name,
            Source = source,
            TrainCount = Info.TrainCount,
            TestCount = Info.TestCount,
            Files = BaseNames.Select(b => FileHashing.Describe(folder, StoredName(folder, b))).ToArray(),
        };
    }

    public (LabeledImages Train, LabeledImages Test) Load(string folder, DataManifest manifest)
    {
        string Stored(string baseName) =>
            manifest.Files.Select(f => f.Path).FirstOrDefault(p => p == baseName || p == baseName + ".gz")
            ?? throw new DataException($"{Path.Combine(folder, DataManifest.FileName)}: lists no {baseName}; fetch the set again with --force");
        LabeledImages train = ReadChecked(folder, Stored(TrainImages), Stored(TrainLabels), Info.TrainCount);
        LabeledImages test = ReadChecked(folder, Stored(TestImages), Stored(TestLabels), Info.TestCount);
        return (train, test);
    }

    private LabeledImages ReadChecked(string folder, string images, string labels, int expectedCount)
    {
        string imagesPath = Path.Combine(folder, images);
        LabeledImages set = IdxReader.ReadImagesAndLabels(imagesPath, Path.Combine(folder, labels), Info.ClassNames.Count);
        if (set.Count != expectedCount)
            throw new DataException($"{imagesPath}: {set.Count} images, but {Info.Name} has {expectedCount}");
        if (set.Height != Info.Height || set.Width != Info.Width)
            throw new DataException($"{imagesPath}: images are {set.Height}x{set.Width}, but {Info.Name} has {Info.Height}x{Info.Width}");
        return set;
    }

    private void ValidateStructure(string folder)
    {
        ReadChecked(folder, StoredName(folder, TrainImages), StoredName(folder, TrainLabels), Info.TrainCount);
        ReadChecked(folder, StoredName(folder, TestImages), StoredName(folder, TestLabels), Info.TestCount);
    }

    private static void ImportFrom(string directory, string folder)
    {
        foreach (string baseName in BaseNames)
        {
            string dotted = baseName.Replace("-idx", ".idx");
            string found = ImportFolder.FindFirst(directory, [baseName, baseName + ".gz", dotted, dotted + ".gz"])
                ?? throw new DataException($"{directory}: no {baseName} (or {baseName}.gz, {dotted}); expected the four MNIST-format IDX files");
            ImportFolder.CopyInto(found, folder, baseName + (ImportFolder.IsGzip(found) ? ".gz" : ""));
        }
    }

    private static string StoredName(string folder, string baseName) =>
        File.Exists(Path.Combine(folder, baseName + ".gz")) ? baseName + ".gz" : baseName;

    // Imported Fashion-MNIST is compared by decompressed content with the pinned Debian files.
    private string FashionIdentity(string folder, Action<string>? log)
    {
        if (!_debianPackage) return "";
        bool same = BaseNames.All(b => ContentSha256(Path.Combine(folder, StoredName(folder, b))) == PinnedHashes.FashionIdxContentSha256[b]);
        if (!same) log?.Invoke($"note: these files differ in content from the Fashion-MNIST of {PinnedHashes.DebianFashionPackage}");
        return same ? $" (content identical to {PinnedHashes.DebianFashionPackage} {PinnedHashes.DebianFashionVersion})"
                    : $" (content differs from {PinnedHashes.DebianFashionPackage} {PinnedHashes.DebianFashionVersion})";
    }

    /// <summary>SHA-256 of an IDX file's decompressed bytes.</summary>
    internal static string ContentSha256(string path)
    {
        using var file = File.OpenRead(path);
        if (!ImportFolder.IsGzip(path)) return FileHashing.Sha256Hex(file);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        return FileHashing.Sha256Hex(gzip);
    }
}
