using System.Security.Cryptography;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using LocalSpec.Pipeline;

namespace LocalSpec.Benchmarks;

/// <summary>
/// What the pipeline pays to trust its cache: opening a 64 MiB artifact re-hashes every byte
/// (TryOpen), against the reference of SHA-256 over the same bytes already in memory (the floor for
/// any verification). Also the cost of committing a small artifact (fsync included) and of one stage key.
/// </summary>
[MemoryDiagnoser]
public class StoreBenchmarks
{
    private const int Size = 64 << 20;
    private string _root = null!;
    private ArtifactStore _store = null!;
    private byte[] _bytes = null!;
    private StageKeyInput _input = null!;
    private int _counter;

    [GlobalSetup]
    public void Setup()
    {
        _root = Directory.CreateTempSubdirectory("localspec-store-bench-").FullName;
        _store = new ArtifactStore(_root);
        _bytes = new byte[Size];
        new Random(1).NextBytes(_bytes);
        _input = new StageKeyInput("graph", 1,
            new JsonObject { ["kind"] = "activations", ["activation_samples"] = 5000, ["seed"] = 0, ["kernel_norm"] = "l1" },
            new Dictionary<string, string> { ["train@r0"] = new('a', 64) }, new Dictionary<string, string> { ["arch.json"] = new('b', 64) });
        _store.Commit(_input, d => File.WriteAllBytes(Path.Combine(d, "graph.bin"), _bytes));
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    [Benchmark(Baseline = true)]
    public byte[] Sha256InMemory() => SHA256.HashData(_bytes);

    [Benchmark]
    public ArtifactFile FileHashDescribe() => FileHash.Describe(Path.Combine(_store.DirectoryOf("graph", _input.Key), "graph.bin"));

    [Benchmark]
    public ArtifactHandle? TryOpenVerified() => _store.TryOpen("graph", _input.Key);

    [Benchmark]
    public ArtifactHandle CommitSmall()
    {
        var input = _input with { Parameters = new JsonObject { ["n"] = _counter++ } };
        return _store.Commit(input, d => File.WriteAllBytes(Path.Combine(d, "stats.json"), _bytes.AsSpan(0, 4096).ToArray()));
    }

    [Benchmark]
    public string Key() => _input.Key;
}
