using System.Text.Json;

namespace LocalSpec.Benchmarks;

/// <summary>
/// Reference seconds measured before the benchmarks (by <see cref="PythonReference"/>), kept in
/// BenchmarkDotNet.Artifacts/&lt;suite&gt;.json as label → benchmark method → seconds, for the
/// <see cref="ReferenceRatioColumn"/> to read when the summary is printed. Method "*" applies to
/// every method of the suite.
/// </summary>
public static class ReferenceTimes
{
    public const string AnyMethod = "*";

    private static string PathOf(string suite) => Path.Combine(Directory.GetCurrentDirectory(), "BenchmarkDotNet.Artifacts", suite + ".json");

    public static void Save(string suite, Dictionary<string, Dictionary<string, double>> seconds)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PathOf(suite))!);
        File.WriteAllText(PathOf(suite), JsonSerializer.Serialize(seconds));
    }

    public static double? Read(string suite, string label, string method)
    {
        if (!File.Exists(PathOf(suite))) return null;
        var values = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, double>>>(File.ReadAllText(PathOf(suite)));
        if (values is null || !values.TryGetValue(label, out var byMethod)) return null;
        return byMethod.TryGetValue(method, out double s) || byMethod.TryGetValue(AnyMethod, out s) ? s : null;
    }
}
