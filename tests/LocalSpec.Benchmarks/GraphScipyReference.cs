using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using LocalSpec.Numerics;

namespace LocalSpec.Benchmarks;

/// <summary>
/// numpy/scipy's time for the graph benchmarks' work (tools/reference/graph_bench.py), measured in
/// the same run before the benchmarks: as installed (Debian's numpy on the generic libblas.so.3),
/// and with the OpenBLAS LocalSpec uses put in front as libblas.so.3. Results go to a JSON file the
/// ratio column reads when the summary is printed.
/// </summary>
public static class GraphScipyReference
{
    public const string AsInstalled = "scipy (as installed)";
    public const string WithOpenBlas = "scipy + OpenBLAS";

    public static string ResultsPath => Path.Combine(Directory.GetCurrentDirectory(), "BenchmarkDotNet.Artifacts", "scipy-graph-reference.json");

    /// <summary>Runs the script in both settings and writes <see cref="ResultsPath"/>; prints why when it cannot.</summary>
    public static void Measure(string repoRoot)
    {
        string script = Path.Combine(repoRoot, "tools", "reference", "graph_bench.py");
        if (!File.Exists("/usr/bin/python3"))
        {
            Console.WriteLine("// scipy reference skipped: /usr/bin/python3 not found (apt-get install python3-scipy)");
            return;
        }
        var results = new Dictionary<string, Dictionary<string, double>>();
        Run(AsInstalled, script, _ => { }, results);
        if (BlasProvider.OpenBlas.Blas?.Path is { } openBlas)
        {
            string shim = Directory.CreateTempSubdirectory("localspec-scipy-blas-").FullName;
            File.CreateSymbolicLink(Path.Combine(shim, "libblas.so.3"), openBlas);
            Run(WithOpenBlas, script, env => env["LD_LIBRARY_PATH"] = shim, results);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(ResultsPath)!);
        File.WriteAllText(ResultsPath, JsonSerializer.Serialize(results));
    }

    private static void Run(string label, string script, Action<IDictionary<string, string?>> configure, Dictionary<string, Dictionary<string, double>> results)
    {
        var start = new ProcessStartInfo("/usr/bin/python3", [script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        configure(start.Environment);
        using var process = Process.Start(start)!;
        string stdout = process.StandardOutput.ReadToEnd();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            Console.WriteLine($"// scipy reference '{label}' failed: {stderr.Trim().Split('\n')[^1]}");
            return;
        }
        using var json = JsonDocument.Parse(stdout);
        results[label] = new Dictionary<string, double>
        {
            [nameof(GraphBenchmarks.MlpActivationGraph)] = json.RootElement.GetProperty("mlp_activation_graph_seconds").GetDouble(),
            [nameof(GraphBenchmarks.VggCifarWeightGraph)] = json.RootElement.GetProperty("vgg_weight_graph_seconds").GetDouble(),
        };
        Console.WriteLine($"// scipy reference '{label}': {stdout.Trim()}");
    }

    /// <summary>The reference's seconds for one benchmark method, or null when not measured.</summary>
    public static double? Read(string label, string method)
    {
        if (!File.Exists(ResultsPath)) return null;
        var values = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, double>>>(File.ReadAllText(ResultsPath));
        return values is not null && values.TryGetValue(label, out var byMethod) && byMethod.TryGetValue(method, out double s) ? s : null;
    }

    /// <summary>"×N": the reference's seconds for the same benchmark method / our mean time (&gt;1: we are faster).</summary>
    public sealed class RatioColumn(string label) : IColumn
    {
        public string Id => $"{nameof(GraphScipyReference)}.{label}";
        public string ColumnName => $"× vs {label}";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 1;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => $"{label}'s time for the same work (tools/reference/graph_bench.py), measured in this run, divided by ours";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            double? ours = summary[benchmarkCase]?.ResultStatistics?.Mean;
            double? reference = Read(label, benchmarkCase.Descriptor.WorkloadMethod.Name);
            return ours is double ns and > 0 && reference is double s ? (s * 1e9 / ns).ToString("F2", CultureInfo.InvariantCulture) : "NA";
        }

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}
