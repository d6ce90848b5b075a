using BenchmarkDotNet.Running;

namespace LocalSpec.Benchmarks;

/// <summary>
/// Runs the benchmarks chosen on the command line, e.g. <c>--filter *Training* --job short</c>.
/// When a training, graph or spectral benchmark is selected, its PyTorch, scipy or scikit-learn
/// reference is measured first,
/// in this same run, so the summary's ratio columns compare like with like on the same machine and load.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Any(a => a.Contains("Training", StringComparison.OrdinalIgnoreCase)))
            PyTorchReference.Measure(RepoRoot());
        if (args.Any(a => a.Contains("Graph", StringComparison.OrdinalIgnoreCase)))
            GraphScipyReference.Measure(RepoRoot());
        if (args.Any(a => a.Contains("Spectral", StringComparison.OrdinalIgnoreCase)))
            SpectralSklearnReference.Measure(RepoRoot());
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }

    internal static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "LocalSpec.Tool.sln"))) return dir.FullName;
        return Directory.GetCurrentDirectory();
    }
}
