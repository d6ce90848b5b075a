using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using LocalSpec.Numerics;

namespace LocalSpec.Benchmarks;

/// <summary>
/// 1024³ SGEMM (C = A·B, row-major, no transposes) for each provider, with a GFLOP/s column
/// (2·1024³ / mean time). ManagedBlas is the baseline the ratio column compares against.
/// Run: <c>dotnet run -c Release --project tests/LocalSpec.Benchmarks -- --filter *GemmBenchmarks* --job short</c>;
/// OpenBLAS's kernel follows OPENBLAS_CORETYPE in the environment (prefix the command with
/// <c>env OPENBLAS_CORETYPE=SkylakeX</c> to compare).
/// </summary>
[Config(typeof(Config))]
public class GemmBenchmarks
{
    public const int Size = 1024;
    public const double Flops = 2.0 * Size * Size * Size;

    private float[] _a = [], _b = [], _c = [];
    private OpenBlas? _openBlas;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Rng(1);
        _a = new float[Size * Size];
        _b = new float[Size * Size];
        _c = new float[Size * Size];
        for (int i = 0; i < _a.Length; i++)
        {
            _a[i] = 2 * rng.NextSingle() - 1;
            _b[i] = 2 * rng.NextSingle() - 1;
        }
        OpenBlasLookup lookup = BlasProvider.OpenBlas;
        _openBlas = lookup.Blas;
        Console.WriteLine($"// OpenBLAS: {_openBlas?.Description ?? "unavailable: " + lookup.FailureSummary}");
        Console.WriteLine($"// Managed: {ManagedBlas.Instance.Description}");
    }

    [Benchmark]
    public void OpenBlas() =>
        (_openBlas ?? throw new InvalidOperationException($"OpenBLAS unavailable: {BlasProvider.OpenBlas.FailureSummary}"))
            .Sgemm(Transpose.No, Transpose.No, Size, Size, Size, 1f, _a, Size, _b, Size, 0f, _c, Size);

    [Benchmark(Baseline = true)]
    public void Managed() =>
        ManagedBlas.Instance.Sgemm(Transpose.No, Transpose.No, Size, Size, Size, 1f, _a, Size, _b, Size, 0f, _c, Size);

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new GemmGflopsColumn(Flops));
    }
}
