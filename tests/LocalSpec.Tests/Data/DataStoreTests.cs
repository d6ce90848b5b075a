using LocalSpec.Data;
using Xunit;

namespace LocalSpec.Tests.Data;

public sealed class DataStoreTests : IClassFixture<SyntheticMnistFolder>, IDisposable
{
    private readonly SyntheticMnistFolder _mnist;
    private readonly TempDirectory _temp = new();
    private readonly DataStore _store;

    public DataStoreTests(SyntheticMnistFolder mnist)
    {
        _mnist = mnist;
        _store = new DataStore(_temp.Sub("store"));
    }

    public void Dispose() => _temp.Dispose();

    private DataManifest ImportMnist(bool force = false) =>
        DatasetCatalog.Fetch("mnist", _store, new DataFetchOptions { FromDirectory = _mnist.Path, Force = force });

    private string[] Leftovers() =>
        Directory.Exists(_store.Root) ? Directory.GetDirectories(_store.Root, ".*").Select(p => Path.GetFileName(p)).ToArray() : [];

    [Fact]
    public void Importing_mnist_records_the_hashes_of_the_files_it_copied()
    {
        DataManifest manifest = ImportMnist();

        Assert.Equal((60000, 10000), (manifest.TrainCount, manifest.TestCount));
        Assert.Equal(4, manifest.Files.Count);
        foreach (DataFileHash file in manifest.Files)
        {
            byte[] source = File.ReadAllBytes(Path.Combine(_mnist.Path, file.Path));
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(source)), file.Sha256);
            Assert.Equal(source.Length, file.Bytes);
        }
        DataManifest stored = DataManifest.TryRead(_store.SetDirectory("mnist"))!;
        Assert.Equal((manifest.Name, manifest.Source, manifest.TrainCount), (stored.Name, stored.Source, stored.TrainCount));
        Assert.Equal(manifest.Files.OrderBy(f => f.Path, StringComparer.Ordinal), stored.Files);
        Assert.Empty(Leftovers());
    }

    [Fact]
    public void An_imported_set_loads_with_its_labels_and_pixels()
    {
        ImportMnist();

        Dataset mnist = DatasetCatalog.Load("mnist", _store);

        Assert.Equal((60000, 10000, 10), (mnist.Train.Count, mnist.Test.Count, mnist.Classes));
        Assert.Equal(12345 % 10, mnist.Train.Labels[12345]);
        Assert.Equal(12345 % 256 / 255f, mnist.Train.Image(12345)[400]);
        Assert.Equal(9999 % 256 / 255f, mnist.Test.Image(9999)[0]);
        Assert.Contains(_mnist.Path, mnist.Source);
    }

    [Fact]
    public void Fashion_files_that_are_not_the_pinned_content_import_with_a_note()
    {
        var log = new List<string>();

        DataManifest manifest = DatasetCatalog.Fetch("fashion-mnist", _store,
            new DataFetchOptions { FromDirectory = _mnist.Path, Log = log.Add });

        Assert.Contains("content differs", manifest.Source);
        Assert.Contains(log, line => line.StartsWith("note:", StringComparison.Ordinal));
    }

    [Fact]
    public void Uncompressed_files_with_dotted_names_import_under_the_canonical_names()
    {
        string from = _temp.Sub("dotted");
        foreach (string name in Directory.GetFiles(_mnist.Path).Select(p => Path.GetFileName(p)))
        {
            using var gzip = new System.IO.Compression.GZipStream(File.OpenRead(Path.Combine(_mnist.Path, name)),
                System.IO.Compression.CompressionMode.Decompress);
            using var raw = File.Create(Path.Combine(from, name[..^3].Replace("-idx", ".idx")));
            gzip.CopyTo(raw);
        }

        DataManifest manifest = DatasetCatalog.Fetch("mnist", _store, new DataFetchOptions { FromDirectory = from });

        Assert.Equal(["t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", "train-images-idx3-ubyte", "train-labels-idx1-ubyte"],
            manifest.Files.Select(f => f.Path));
        Assert.Equal(7, DatasetCatalog.Load("mnist", _store).Train.Labels[7]);
    }

    [Fact]
    public void A_leftover_temp_folder_of_a_killed_fetch_is_ignored_then_removed()
    {
        string leftover = Path.Combine(_store.Root, $".tmp-mnist-{Guid.NewGuid():N}");
        string foreign = Path.Combine(_store.Root, ".tmp-mnist-keep");
        DataTestFiles.Write(leftover, "train-images-idx3-ubyte.gz", [1, 2, 3]);
        new DataManifest { Name = "mnist", Source = "half", TrainCount = 1, TestCount = 1, Files = [] }.Write(leftover);
        Directory.CreateDirectory(foreign);

        Assert.Null(_store.TryGetManifest("mnist"));
        Assert.False(DatasetCatalog.List(_store).Single(r => r.Name == "mnist").Present);

        ImportMnist();

        Assert.False(Directory.Exists(leftover));
        Assert.True(Directory.Exists(foreign));
        Assert.NotNull(_store.TryGetManifest("mnist"));
    }

    [Fact]
    public void A_failed_import_leaves_nothing_behind()
    {
        string small = _temp.Sub("small");
        DataTestFiles.WriteIdxSet(small, 5, 2);

        var e = Assert.Throws<DataException>(() =>
            DatasetCatalog.Fetch("mnist", _store, new DataFetchOptions { FromDirectory = small }));

        Assert.Contains("5 images, but mnist has 60000", e.Message);
        Assert.False(Directory.Exists(_store.SetDirectory("mnist")));
        Assert.Empty(Leftovers());
    }

    [Fact]
    public void A_changed_byte_in_a_stored_file_is_caught_on_load_and_by_verify()
    {
        ImportMnist();
        string labels = Path.Combine(_store.SetDirectory("mnist"), "train-labels-idx1-ubyte.gz");
        byte[] bytes = File.ReadAllBytes(labels);
        bytes[^5] ^= 0x40;
        File.WriteAllBytes(labels, bytes);

        var onLoad = Assert.Throws<DataException>(() => DatasetCatalog.Load("mnist", _store));
        var onVerify = Assert.Throws<DataException>(() => DatasetCatalog.Verify("mnist", _store));

        Assert.Contains("SHA-256 mismatch", onLoad.Message);
        Assert.Contains(labels, onLoad.Message);
        Assert.Contains("--force", onVerify.Message);
    }

    [Fact]
    public void A_truncated_stored_file_is_caught_by_its_size()
    {
        ImportMnist();
        string images = Path.Combine(_store.SetDirectory("mnist"), "t10k-images-idx3-ubyte.gz");
        File.WriteAllBytes(images, File.ReadAllBytes(images)[..100]);

        Assert.Contains("changed size", Assert.Throws<DataException>(() => DatasetCatalog.Load("mnist", _store)).Message);
    }

    [Fact]
    public void Force_replaces_a_set_that_is_present()
    {
        ImportMnist();
        string marker = Path.Combine(_store.SetDirectory("mnist"), "marker");
        File.WriteAllText(marker, "old");

        ImportMnist();
        Assert.True(File.Exists(marker));

        ImportMnist(force: true);
        Assert.False(File.Exists(marker));
        Assert.Empty(Leftovers());
    }

    [Fact]
    public async Task Concurrent_installs_of_one_set_produce_it_once()
    {
        int produced = 0;
        DataManifest Produce(string folder)
        {
            Interlocked.Increment(ref produced);
            Thread.Sleep(300);
            File.WriteAllText(Path.Combine(folder, "x"), "x");
            return new DataManifest { Name = "mnist", Source = "test", TrainCount = 1, TestCount = 1, Files = [FileHashing.Describe(folder, "x")] };
        }

        DataManifest[] results = await Task.WhenAll(Enumerable.Range(0, 4)
            .Select(_ => Task.Run(() => _store.Install("mnist", force: false, log: null, Produce))));

        Assert.Equal(1, produced);
        Assert.All(results, r => Assert.Equal("test", r.Source));
        _store.VerifyFiles("mnist", _store.TryGetManifest("mnist")!);
    }

    [Fact]
    public async Task Concurrent_imports_both_succeed_and_leave_a_valid_set()
    {
        DataManifest[] results = await Task.WhenAll(Task.Run(() => ImportMnist()), Task.Run(() => ImportMnist()));

        Assert.Equal(results[0].Files, results[1].Files);
        DatasetCatalog.Verify("mnist", _store);
        Assert.Empty(Leftovers());
    }

    [Fact]
    public void A_corrupt_manifest_is_reported_by_list_and_replaced_by_fetch()
    {
        Directory.CreateDirectory(_store.SetDirectory("mnist"));
        File.WriteAllText(Path.Combine(_store.SetDirectory("mnist"), "manifest.json"), "{ not json");

        DatasetStatus row = DatasetCatalog.List(_store).Single(r => r.Name == "mnist");
        Assert.False(row.Present);
        Assert.StartsWith("corrupt:", row.Source);
        Assert.Contains("malformed manifest", Assert.Throws<DataException>(() => DatasetCatalog.Load("mnist", _store)).Message);

        ImportMnist();
        Assert.NotNull(_store.TryGetManifest("mnist"));
    }

    [Fact]
    public void Halves_mnist_and_stack_mnist_build_on_mnist_when_present()
    {
        ImportMnist();
        var options = new DataLoadOptions { Seed = 3 };

        Dataset halves = DatasetCatalog.Load("halves-mnist", _store, options);
        Dataset again = DatasetCatalog.Load("halves-mnist", _store, options);
        Dataset stack = DatasetCatalog.Load("stack-mnist", _store, options);

        Assert.Equal(("halves-mnist", 60000, 10000, 1, (ulong?)3), (halves.Name, halves.Train.Count, halves.Test.Count, halves.Train.Channels, halves.Seed));
        Assert.Equal(halves.Train.Pixels, again.Train.Pixels);
        Assert.Equal(halves.Test.Labels, again.Test.Labels);
        Assert.Equal(("stack-mnist", 2), (stack.Name, stack.Train.Channels));
        Assert.Equal(DatasetCatalog.Load("mnist", _store).Files, halves.Files);
        // Base test images have pixel values n mod 256 for n < 10000 in a split of their own, so a
        // derived test image is made only of test images: check the pairing of the first one.
        var rng = DerivedSets.PairRng(3, "test");
        int a = rng.NextInt(10000), b = rng.NextInt(10000);
        Assert.Equal((a + b) % 10, halves.Test.Labels[0]);
        Assert.Equal(a % 256 / 255f, halves.Test.Image(0)[0]);
        Assert.Equal(b % 256 / 255f, halves.Test.Image(0)[27]);
    }

    [Fact]
    public void Without_mnist_halves_mnist_falls_back_to_mnist10k()
    {
        var log = new List<string>();

        var e = Assert.Throws<DataException>(() =>
            DatasetCatalog.Load("halves-mnist", _store, new DataLoadOptions { AutoFetch = false, Log = log.Add }));

        Assert.Contains("mnist10k is not in the data store", e.Message);
        Assert.Contains(log, line => line.Contains("deriving from mnist10k"));
        Assert.Equal("mnist10k", DatasetCatalog.List(_store).Single(r => r.Name == "halves-mnist").Location.Split(' ')[2]);
    }
}
