using LocalSpec.Pipeline;
using LocalSpec.Tests.TestSupport;
using Microsoft.Build.Framework;

namespace LocalSpec.Tasks.Tests;

/// <summary>LocalSpecRun on a tiny manifest: stage counts as Result metadata, the cache reused on the second run.</summary>
public sealed class LocalSpecRunTests(TinyRunFixture fixture) : IClassFixture<TinyRunFixture>
{
    [RequiresFact(typeof(NpmClient))]
    public void The_first_run_runs_every_stage_and_the_second_reuses_them_all()
    {
        Assert.True(fixture.FirstSucceeded, fixture.FirstEngine!.Log);
        var first = fixture.FirstResult!;
        Assert.Equal(fixture.ManifestPath, first.ItemSpec);
        Assert.Equal("tiny", first.GetMetadata("ExperimentName"));
        Assert.Equal($"{TempWorkspace.TinyStages}", first.GetMetadata("Ran"));
        Assert.Equal("0", first.GetMetadata("Cached"));
        Assert.Equal("0", first.GetMetadata("Failed"));
        Assert.Equal("0", first.GetMetadata("Skipped"));
        Assert.Contains(fixture.FirstEngine.Messages, m => m.Importance == MessageImportance.High && m.Text.Contains("tiny: ran train@r0 in "));
        Assert.Contains(fixture.FirstEngine.Messages, m => m.Text == $"tiny: {TempWorkspace.TinyStages} ran, 0 cached");

        var (ok, engine, second) = TinyRunFixture.Run(fixture.ManifestPath);

        Assert.True(ok, engine.Log);
        Assert.Empty(engine.Errors);
        Assert.Empty(engine.Warnings);
        Assert.Equal("0", second!.GetMetadata("Ran"));
        Assert.Equal($"{TempWorkspace.TinyStages}", second.GetMetadata("Cached"));
        Assert.Contains(engine.Messages, m => m.Text == $"tiny: 0 ran, {TempWorkspace.TinyStages} cached");
        Assert.DoesNotContain(engine.Messages, m => m.Text.Contains(": ran "));
    }

    [RequiresFact(typeof(NpmClient))]
    public void The_run_keeps_its_store_lock_file_and_nothing_else_in_the_workspace()
    {
        Assert.True(fixture.FirstSucceeded, fixture.FirstEngine!.Log);
        Assert.True(File.Exists(fixture.Workspace.LockPath));
        var store = new ArtifactStore(fixture.Workspace.StoreRoot);
        var kinds = store.List().Select(a => a.Kind).Order(StringComparer.Ordinal);
        Assert.Equal(["graph", "measure", "measure", "partition", "report", "stats", "train"], kinds);
    }

    [RequiresFact(typeof(NpmClient))]
    public void The_report_task_sums_the_results_metadata_and_logs_exactly_one_summary_line()
    {
        Assert.True(fixture.FirstSucceeded, fixture.FirstEngine!.Log);
        var engine = new FakeBuildEngine();
        var report = new LocalSpecReport
        {
            BuildEngine = engine,
            Results = [Result(fixture.ManifestPath, ran: 3, cached: 4), Result(fixture.ManifestPath, ran: 0, cached: 7)],
        };

        Assert.True(report.Execute(), engine.Log);

        Assert.Empty(engine.Errors);
        Assert.Single(engine.Messages, m => m.Text.StartsWith("stages: ", StringComparison.Ordinal));
        Assert.Contains(engine.Messages, m => m.Importance == MessageImportance.High && m.Text == "stages: 3 ran, 11 cached");
        Assert.True(File.Exists(Path.Combine(fixture.Workspace.ReportsDirectory, "table1-fisher.md")));
        Assert.True(File.Exists(Path.Combine(fixture.Workspace.ReportsDirectory, "table1-fisher.tex")));
    }

    [RequiresFact(typeof(NpmClient))]
    public void A_result_without_counts_is_a_warning_and_counts_as_zero()
    {
        Assert.True(fixture.FirstSucceeded, fixture.FirstEngine!.Log);
        var engine = new FakeBuildEngine();
        var item = new Microsoft.Build.Utilities.TaskItem(fixture.ManifestPath);
        var report = new LocalSpecReport { BuildEngine = engine, Results = [item, Result(fixture.ManifestPath, ran: 1, cached: 6)] };

        Assert.True(report.Execute(), engine.Log);

        Assert.Equal(4, engine.Warnings.Count(w => w.Message.Contains("has no ")));
        Assert.Contains(engine.Messages, m => m.Text == "stages: 1 ran, 6 cached");
    }

    private static ITaskItem Result(string manifest, int ran, int cached)
    {
        var item = new Microsoft.Build.Utilities.TaskItem(manifest);
        item.SetMetadata("Ran", $"{ran}");
        item.SetMetadata("Cached", $"{cached}");
        item.SetMetadata("Failed", "0");
        item.SetMetadata("Skipped", "0");
        return item;
    }
}
