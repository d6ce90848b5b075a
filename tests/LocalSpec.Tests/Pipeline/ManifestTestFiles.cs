using LocalSpec.Pipeline;

namespace LocalSpec.Tests.Pipeline;

/// <summary>Shared helpers: a fixed (never created) manifest path and the diagnostics a text produces.</summary>
internal static class ManifestTestFiles
{
    /// <summary>Parse needs no file: only paths named inside the manifest are looked up.</summary>
    public static readonly string ManifestPath = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "localspec-manifests", "exp.yaml");

    public const string Minimal = "name: mlp-mnist10k\ndataset: mnist10k\nnetwork: { arch: mlp }\n";

    public static IReadOnlyList<PipelineDiagnostic> Errors(string yaml, string? path = null) =>
        Assert.Throws<PipelineException>(() => ManifestReader.Parse(yaml, path ?? ManifestPath)).Diagnostics;

    public static PipelineDiagnostic SingleError(string yaml, string? path = null)
    {
        IReadOnlyList<PipelineDiagnostic> all = Errors(yaml, path);
        Assert.True(all.Count == 1, $"expected one diagnostic, got {all.Count}:\n{string.Join('\n', all)}");
        return all[0];
    }
}
