using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace LocalSpec.Benchmarks;

/// <summary>
/// scikit-learn 1.2's time for the spectral benchmark's work (tools/reference/sklearn_ncut.py
/// --bench: SpectralClustering(affinity='precomputed', eigen_solver='arpack',
/// assign_labels='kmeans', n_clusters=16, n_init=25) on the same graphs, written as .npy), measured
/// by <see cref="Program"/> in the same run before BenchmarkDotNet starts. Results go to a JSON
/// file that <see cref="SpectralReferenceColumn"/> reads when the summary is printed.
/// </summary>
public static class SpectralSklearnReference
{
    public static string ResultsPath => Path.Combine(Directory.GetCurrentDirectory(), "BenchmarkDotNet.Artifacts", "sklearn-spectral-reference.json");

    /// <summary>Workload name (the benchmark method) → repetitions of the reference.</summary>
    private static readonly (string Workload, int Repeats)[] Workloads = [(nameof(SpectralBenchmarks.MlpWeightGraph), 3), (nameof(SpectralBenchmarks.VggChannelGraph), 2)];

    public static void Measure(string repoRoot)
    {
        string script = Path.Combine(repoRoot, "tools", "reference", "sklearn_ncut.py");
        if (!File.Exists("/usr/bin/python3"))
        {
            Console.WriteLine("// scikit-learn reference skipped: /usr/bin/python3 not found (apt-get install python3-sklearn)");
            return;
        }
        string dir = Directory.CreateTempSubdirectory("localspec-spectral-").FullName;
        var results = new Dictionary<string, double>();
        try
        {
            foreach (var (workload, repeats) in Workloads)
            {
                int n;
                float[] a = workload == nameof(SpectralBenchmarks.MlpWeightGraph) ? SpectralWorkloads.Mlp(repoRoot, out n) : SpectralWorkloads.Vgg(out n);
                string npy = Path.Combine(dir, workload + ".npy");
                SpectralWorkloads.WriteNpy(npy, a, n);
                if (Run(script, npy, repeats, workload) is double seconds) results[workload] = seconds;
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(ResultsPath)!);
        File.WriteAllText(ResultsPath, JsonSerializer.Serialize(results));
    }

    private static double? Run(string script, string npy, int repeats, string workload)
    {
        var start = new ProcessStartInfo("/usr/bin/python3", [script, "--adjacency", npy, "--k", "16", "--n-init", "25", "--bench", repeats.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        string stdout = process.StandardOutput.ReadToEnd();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            Console.WriteLine($"// scikit-learn reference for {workload} failed: {stderr.Trim().Split('\n')[^1]}");
            return null;
        }
        using var json = JsonDocument.Parse(stdout);
        double seconds = json.RootElement.GetProperty("median_seconds").GetDouble();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// scikit-learn reference {workload}: median {seconds:F3} s; {stdout.Trim()}"));
        return seconds;
    }

    /// <summary>The measured median seconds for a workload, or null when it was not measured.</summary>
    public static double? Read(string workload)
    {
        if (!File.Exists(ResultsPath)) return null;
        var values = JsonSerializer.Deserialize<Dictionary<string, double>>(File.ReadAllText(ResultsPath));
        return values is not null && values.TryGetValue(workload, out double s) ? s : null;
    }
}
