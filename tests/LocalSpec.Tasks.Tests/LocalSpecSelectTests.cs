using LocalSpec.Pipeline;
using LocalSpec.Tests.TestSupport;
using Microsoft.Build.Framework;

namespace LocalSpec.Tasks.Tests;

/// <summary>LocalSpecSelect: reads a directory of manifests, fails on any manifest error, picks by name or set.</summary>
public sealed class LocalSpecSelectTests : IDisposable
{
    private readonly TempWorkspace _ws = new("localspec-select-");

    public void Dispose() => _ws.Dispose();

    private static string Manifest(string name, string sets) =>
        $"name: {name}\nsets: {sets}\ndataset: mnist10k\nnetwork: {{ arch: mlp }}\n";

    private (bool Ok, FakeBuildEngine Engine, string[] Names) Select(string selector)
    {
        var engine = new FakeBuildEngine();
        var task = new LocalSpecSelect { BuildEngine = engine, Directory = _ws.Root, Selector = selector };
        bool ok = task.Execute();
        return (ok, engine, [.. task.Manifests.Select(m => m.GetMetadata("ExperimentName"))]);
    }

    private void WriteThree()
    {
        _ws.Write("a.yaml", Manifest("alpha", "[smoke]"));
        _ws.Write("b.yaml", Manifest("beta", "[smoke, paper]"));
        _ws.Write("c.yaml", Manifest("gamma", "[default]"));
    }

    [Fact]
    public void A_directory_with_one_bad_manifest_logs_exactly_one_error_at_its_line_and_column_and_fails()
    {
        _ws.Write("a.yaml", Manifest("alpha", "[smoke]"));
        string bad = _ws.Write("b.yaml", "name: beta\ndataset: mnist10k\nnetwork: { arch: mlp }\nk: 0\n");

        var (ok, engine, names) = Select("smoke");

        Assert.False(ok);
        Assert.Empty(names);
        var error = Assert.Single(engine.Errors);
        Assert.Equal(bad, error.File);
        Assert.Equal((4, 4), (error.Line, error.Column));
        Assert.Equal(DiagnosticCodes.OutOfRange, error.Code);
        Assert.Contains("'k'", error.Message);
    }

    [Fact]
    public void A_set_selects_every_manifest_in_it_in_file_order()
    {
        WriteThree();
        var (ok, engine, names) = Select("smoke");
        Assert.True(ok, engine.Log);
        Assert.Equal(["alpha", "beta"], names);
        Assert.Contains(engine.Messages, m => m.Importance == MessageImportance.High && m.Text == "LocalSpec: 2 experiment(s): alpha, beta");
    }

    [Fact]
    public void A_name_selects_that_manifest_and_names_and_sets_combine_without_duplicates()
    {
        WriteThree();
        Assert.Equal(["gamma"], Select("gamma").Names);
        Assert.Equal(["beta", "gamma"], Select("paper;gamma;beta").Names);
    }

    [Fact]
    public void An_empty_selector_means_the_default_set()
    {
        WriteThree();
        Assert.Equal(["gamma"], Select("").Names);
    }

    [Fact]
    public void The_selected_items_are_the_manifests_full_paths()
    {
        WriteThree();
        var engine = new FakeBuildEngine();
        var task = new LocalSpecSelect { BuildEngine = engine, Directory = _ws.Root, Selector = "alpha" };
        Assert.True(task.Execute(), engine.Log);
        Assert.Equal(_ws.PathOf("a.yaml"), Assert.Single(task.Manifests).ItemSpec);
    }

    [Fact]
    public void An_unknown_selector_logs_LSP007_listing_the_experiments_and_sets_and_fails()
    {
        WriteThree();
        var (ok, engine, names) = Select("smoke;nope");
        Assert.False(ok);
        Assert.Empty(names);
        var error = Assert.Single(engine.Errors);
        Assert.Equal(DiagnosticCodes.UnknownName, error.Code);
        Assert.Contains("'nope'", error.Message);
        Assert.Contains("alpha, beta, gamma", error.Message);
        Assert.Contains("default, paper, smoke", error.Message);
        Assert.Equal("fake.proj", error.File); // the project that named the selector (-p:Experiments)
    }
}
