namespace LocalSpec.Benchmarks;

/// <summary>
/// numpy/scipy's time for the graph benchmarks' work (tools/reference/graph_bench.py), measured in
/// the same run before the benchmarks: as installed (Debian's numpy on the generic libblas.so.3),
/// and with the OpenBLAS LocalSpec uses put in front as libblas.so.3.
/// </summary>
public static class GraphScipyReference
{
    public const string Suite = "scipy-graph-reference";
    public const string AsInstalled = "scipy (as installed)";
    public const string WithOpenBlas = "scipy + OpenBLAS";

    public static void Measure(string repoRoot)
    {
        if (!PythonReference.Available("scipy")) return;
        string script = Path.Combine(repoRoot, "tools", "reference", "graph_bench.py");
        var results = new Dictionary<string, Dictionary<string, double>>();
        void Record(string label, Action<IDictionary<string, string?>>? configure)
        {
            if (PythonReference.Run(label, script, [], configure) is not { } json) return;
            results[label] = new()
            {
                [nameof(GraphBenchmarks.MlpActivationGraph)] = json.GetProperty("mlp_activation_graph_seconds").GetDouble(),
                [nameof(GraphBenchmarks.VggCifarWeightGraph)] = json.GetProperty("vgg_weight_graph_seconds").GetDouble(),
            };
        }
        Record(AsInstalled, null);
        if (PythonReference.OpenBlasShim() is { } shim) Record(WithOpenBlas, env => env["LD_LIBRARY_PATH"] = shim);
        ReferenceTimes.Save(Suite, results);
    }
}
