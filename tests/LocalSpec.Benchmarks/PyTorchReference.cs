using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LocalSpec.Numerics;

namespace LocalSpec.Benchmarks;

/// <summary>
/// PyTorch's seconds per epoch of the mlp preset (tools/reference/torch_mlp_epoch_bench.py),
/// measured in the same run as our benchmarks, in two settings: Debian's python3-torch as
/// installed (it links the generic libblas.so.3, which is Debian's reference BLAS unless an
/// optimised one is installed), and with its best settings here: the OpenBLAS that LocalSpec
/// uses put in front as libblas.so.3, with OPENBLAS_CORETYPE=SkylakeX on an AVX-512 CPU.
/// Results go to a JSON file that the ratio columns read when the summary is printed.
/// </summary>
public static class PyTorchReference
{
    public const string AsInstalled = "torch (Debian, as installed)";
    public const string BestSettings = "torch + OpenBLAS SkylakeX";

    public static string ResultsPath => Path.Combine(Directory.GetCurrentDirectory(), "BenchmarkDotNet.Artifacts", "pytorch-reference.json");

    /// <summary>Runs the reference script in both settings and writes <see cref="ResultsPath"/>; prints why when it cannot.</summary>
    public static void Measure(string repoRoot)
    {
        var results = new Dictionary<string, double>();
        string script = Path.Combine(repoRoot, "tools", "reference", "torch_mlp_epoch_bench.py");
        if (!File.Exists("/usr/bin/python3"))
        {
            Console.WriteLine("// PyTorch reference skipped: /usr/bin/python3 not found (apt-get install python3-torch)");
            return;
        }
        Run(AsInstalled, script, env => { }, results);
        string? openBlas = BlasProvider.OpenBlas.Blas?.Path;
        if (openBlas is not null)
        {
            string shim = Directory.CreateTempSubdirectory("localspec-torch-blas-").FullName;
            File.CreateSymbolicLink(Path.Combine(shim, "libblas.so.3"), openBlas);
            Run(BestSettings, script, env =>
            {
                env["LD_LIBRARY_PATH"] = shim;
                env["OPENBLAS_CORETYPE"] = System.Runtime.Intrinsics.X86.Avx512F.IsSupported ? "SkylakeX" : "Haswell";
            }, results);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(ResultsPath)!);
        File.WriteAllText(ResultsPath, JsonSerializer.Serialize(results));
    }

    private static void Run(string label, string script, Action<IDictionary<string, string?>> configure, Dictionary<string, double> results)
    {
        var start = new ProcessStartInfo("/usr/bin/python3", [script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(script)!,
        };
        configure(start.Environment);
        using var process = Process.Start(start)!;
        string stdout = process.StandardOutput.ReadToEnd();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            Console.WriteLine($"// PyTorch reference '{label}' failed: {stderr.Trim().Split('\n')[^1]}");
            return;
        }
        using var json = JsonDocument.Parse(stdout);
        double seconds = json.RootElement.GetProperty("seconds_per_epoch").GetDouble();
        results[label] = seconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// PyTorch reference '{label}': {seconds:F3} s per epoch; {stdout.Trim()}"));
    }

    /// <summary>The measured seconds per epoch, or null when that setting was not measured.</summary>
    public static double? Read(string label)
    {
        if (!File.Exists(ResultsPath)) return null;
        var values = JsonSerializer.Deserialize<Dictionary<string, double>>(File.ReadAllText(ResultsPath));
        return values is not null && values.TryGetValue(label, out double s) ? s : null;
    }
}
