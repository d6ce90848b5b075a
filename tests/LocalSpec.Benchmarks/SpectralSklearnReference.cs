using System.Globalization;

namespace LocalSpec.Benchmarks;

/// <summary>
/// scikit-learn 1.2's time for the spectral benchmark's work (tools/reference/sklearn_ncut.py
/// --bench: SpectralClustering(affinity='precomputed', eigen_solver='arpack',
/// assign_labels='kmeans', n_clusters=16, n_init=25) on the same graphs, written as .npy), measured
/// by <see cref="Program"/> in the same run before BenchmarkDotNet starts. Results go to a JSON
/// file (<see cref="ReferenceTimes"/>) that the ratio columns read when the summary is printed.
/// </summary>
public static class SpectralSklearnReference
{
    public const string Suite = "sklearn-spectral-reference";
    public const string Label = "scikit-learn 1.2";

    private static readonly (string Workload, int Repeats)[] Workloads = [(nameof(SpectralBenchmarks.MlpWeightGraph), 3), (nameof(SpectralBenchmarks.VggChannelGraph), 2)];

    public static void Measure(string repoRoot)
    {
        if (!PythonReference.Available("scikit-learn")) return;
        string script = Path.Combine(repoRoot, "tools", "reference", "sklearn_ncut.py");
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
                string[] arguments = ["--adjacency", npy, "--k", "16", "--n-init", "25", "--bench", repeats.ToString(CultureInfo.InvariantCulture)];
                if (PythonReference.Run($"{Label} {workload}", script, arguments) is { } json)
                    results[workload] = json.GetProperty("median_seconds").GetDouble();
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
        ReferenceTimes.Save(Suite, new() { [Label] = results });
    }
}
