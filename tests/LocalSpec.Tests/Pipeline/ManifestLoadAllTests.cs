using LocalSpec.Pipeline;
using LocalSpec.Tests.Data;

namespace LocalSpec.Tests.Pipeline;

public sealed class ManifestLoadAllTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Write(string file, string name, string extra = "")
    {
        string path = Path.Combine(_dir.Path, file);
        File.WriteAllText(path, $"name: {name}\ndataset: mnist10k\nnetwork: {{ arch: mlp }}\n{extra}");
        return path;
    }

    [Fact]
    public void Manifests_load_in_the_given_order()
    {
        string b = Write("b.yaml", "bee"), a = Write("a.yaml", "ay");
        Assert.Equal(["bee", "ay"], ManifestReader.LoadAll([b, a]).Select(m => m.Name));
    }

    [Fact]
    public void A_path_given_twice_is_read_once()
    {
        string a = Write("a.yaml", "ay");
        Assert.Single(ManifestReader.LoadAll([a, Path.Combine(_dir.Path, ".", "a.yaml")]));
    }

    [Fact]
    public void A_repeated_name_is_reported_at_the_later_manifests_name()
    {
        string first = Write("a.yaml", "same"), second = Write("b.yaml", "same");

        var e = Assert.Throws<PipelineException>(() => ManifestReader.LoadAll([first, second]));

        Assert.Equal(new PipelineDiagnostic(second, 1, 7, DiagnosticCodes.Duplicate,
            $"experiment name 'same' is already used by {first}(1,7); names must be unique, rename one"), Assert.Single(e.Diagnostics));
    }

    [Fact]
    public void The_errors_of_every_file_are_reported_together()
    {
        string good = Write("good.yaml", "good");
        string bad1 = Write("bad1.yaml", "one", "k: 1\n");
        string bad2 = Write("bad2.yaml", "two", "graphs: [weight]\n");
        string missing = Path.Combine(_dir.Path, "missing.yaml");

        var e = Assert.Throws<PipelineException>(() => ManifestReader.LoadAll([bad1, good, missing, bad2]));

        Assert.Equal([(bad1, DiagnosticCodes.OutOfRange), (missing, DiagnosticCodes.FileNotFound), (bad2, DiagnosticCodes.UnknownName)],
            e.Diagnostics.Select(d => (d.File, d.Code)));
    }
}
