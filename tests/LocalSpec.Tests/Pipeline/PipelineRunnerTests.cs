using LocalSpec.Pipeline;

namespace LocalSpec.Tests.Pipeline;

/// <summary>
/// The runner over a real (tiny) manifest: what is reused, what reruns and why, tampering, failures,
/// determinism. Issue 6's acceptance at the library level; the CLI and MSBuild tests repeat the
/// user-facing parts.
/// </summary>
public sealed class PipelineRunnerTests
{
    private static readonly string[] TinyStages =
    [
        "measure/weights/network/k4/featvis@r0", "measure/weights/network/k4/lesion@r0", "partition/weights/network/k4@r0",
        "graph/weights@r0", "report", "stats/weights/network/k4", "train@r0",
    ];

    [Fact]
    public void The_plan_of_the_default_manifest_has_every_stage_instance_of_the_paper_protocol()
    {
        using var w = new PipelineWorkspace("name: full\ndataset: mnist10k\nnetwork: { arch: mlp }\n");
        var plan = w.Plan();
        var byKind = plan.Stages.GroupBy(s => s.Kind).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(5, byKind[StageKinds.Train]);
        Assert.Equal(10, byKind[StageKinds.Graph]);         // 2 kinds × 5 replicates
        Assert.Equal(20, byKind[StageKinds.Partition]);     // × 2 scopes
        Assert.Equal(40, byKind[StageKinds.Measure]);       // × 2 proxy families
        Assert.Equal(4, byKind[StageKinds.Stats]);          // one per partitioning, replicates pooled
        Assert.Equal(1, byKind[StageKinds.Report]);
        Assert.Equal(plan.Stages.Count, plan.Stages.Select(s => s.Id).Distinct().Count());
        // Upstream before downstream, so a plan can be executed in order.
        var seen = new HashSet<StageDefinition>(ReferenceEqualityComparer.Instance);
        foreach (var s in plan.Stages)
        {
            Assert.All(s.Upstream, u => Assert.Contains(u, seen));
            seen.Add(s);
        }
    }

    [Fact]
    public void A_second_run_reuses_every_stage_and_leaves_the_lock_file_untouched()
    {
        using var w = new PipelineWorkspace();
        var (first, observer) = w.Run();
        Assert.Equal("stages: 7 ran, 0 cached", first.ToString());
        Assert.Equal(TinyStages.Order(StringComparer.Ordinal), observer.Ran);
        byte[] lockBytes = File.ReadAllBytes(w.LockPath);
        var stamp = File.GetLastWriteTimeUtc(w.LockPath);

        var (second, again) = w.Run();
        Assert.Equal("stages: 0 ran, 7 cached", second.ToString());
        Assert.Empty(again.Diagnostics);
        Assert.Equal(lockBytes, File.ReadAllBytes(w.LockPath));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(w.LockPath));
    }

    [Fact]
    public void Changing_k_reruns_only_partition_and_later_stages_and_status_says_why()
    {
        using var w = new PipelineWorkspace();
        w.Run();
        w.Write(PipelineWorkspace.Tiny.Replace("k: 4", "k: 6"));

        var plan = w.Plan();
        var statuses = PipelineStatus.Of(plan, PlanKeys.Compute([plan]), w.Workspace.Store).ToDictionary(s => s.Stage.Id);
        Assert.True(statuses["train@r0"].Cached);
        Assert.True(statuses["graph/weights@r0"].Cached);
        var partition = statuses["partition/weights/network/k6@r0"];
        Assert.False(partition.Cached);
        Assert.Equal("partition/weights/network/k4@r0", partition.Previous!.Stage);
        Assert.Contains(partition.Reasons, r => r.Trim() == "parameter k: 4 → 6");

        var (summary, observer) = w.Run();
        Assert.Equal("stages: 5 ran, 2 cached", summary.ToString());
        Assert.Equal(["graph/weights@r0", "train@r0"], observer.Cached);
        Assert.All(observer.Ran, id => Assert.Matches("^(partition|measure|stats|report)", id));
    }

    [Fact]
    public void The_restart_selection_is_a_partition_key_parameter_and_changes_no_earlier_key()
    {
        using var w = new PipelineWorkspace();
        ExperimentPlan byDefault = w.Plan();
        w.Write(PipelineWorkspace.Tiny.Replace("clustering: { n_init: 2 }", "clustering: { n_init: 2, select: inertia }"));
        ExperimentPlan byInertia = w.Plan();
        var (before, after) = (PlanKeys.Compute([byDefault]), PlanKeys.Compute([byInertia]));
        string Key(ExperimentPlan plan, IReadOnlyDictionary<StageDefinition, StageKeyInput> keys, string id) => keys[plan.Find(id)!].Key;
        const string Partition = "partition/weights/network/k4@r0";
        Assert.Equal("ncut", (string)byDefault.Find(Partition)!.Parameters["select"]!);
        Assert.Equal("inertia", (string)byInertia.Find(Partition)!.Parameters["select"]!);
        Assert.Equal(PartitionStage.Version, byDefault.Find(Partition)!.FormatVersion);
        Assert.NotEqual(Key(byDefault, before, Partition), Key(byInertia, after, Partition));
        foreach (string id in new[] { "train@r0", "graph/weights@r0" })
            Assert.Equal(Key(byDefault, before, id), Key(byInertia, after, id));
    }

    [Fact]
    public void A_tampered_artifact_is_detected_and_only_it_is_rebuilt()
    {
        using var w = new PipelineWorkspace();
        w.Run();
        var plan = w.Plan();
        var keys = PlanKeys.Compute([plan]);
        var partition = plan.Find("partition/weights/network/k4@r0")!;
        string file = Path.Combine(w.Workspace.Store.DirectoryOf(partition.Kind, keys[partition].Key), "partition.json");
        byte[] bytes = File.ReadAllBytes(file);
        bytes[bytes.Length / 2] ^= 0x20;
        File.WriteAllBytes(file, bytes);

        var (summary, observer) = w.Run();
        Assert.Equal("stages: 1 ran, 6 cached", summary.ToString());
        Assert.Equal(["partition/weights/network/k4@r0"], observer.Ran);
        var warning = Assert.Single(observer.Diagnostics);
        Assert.Equal(DiagnosticCodes.CacheCorrupt, warning.Code);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Contains("partition.json", warning.Message);
        Assert.NotNull(w.Workspace.Store.TryOpen(partition.Kind, keys[partition].Key));
    }

    [Fact]
    public void A_failing_stage_skips_what_depends_on_it_and_points_at_the_manifest_line()
    {
        string manifest = PipelineWorkspace.Tiny.Replace("training: { epochs: 1, replicates: 1 }", "models: [garbage.safetensors]");
        using var w = new PipelineWorkspace(manifest);
        File.WriteAllBytes(Path.Combine(w.Root, "garbage.safetensors"), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        var (summary, observer) = w.Run();
        Assert.Equal(1, summary.Failed);
        Assert.Equal(6, summary.Skipped);
        Assert.Equal(0, summary.Ran);
        var error = Assert.Single(summary.Errors);
        Assert.Equal(DiagnosticCodes.StageFailed, error.Code);
        Assert.Equal(w.ManifestPath, error.File);
        Assert.Equal(5, error.Line); // the `models:` line of the manifest
        Assert.Contains("garbage.safetensors", error.Message);
        Assert.Empty(w.Workspace.Store.List());
    }

    [Fact]
    public void The_same_manifest_gives_byte_identical_results_in_another_workspace()
    {
        using var a = new PipelineWorkspace();
        using var b = new PipelineWorkspace();
        a.Run();
        b.Run();
        // The lock file lists every result file's SHA-256 (timings excluded), so equal bytes = equal results.
        Assert.Equal(File.ReadAllText(a.LockPath), File.ReadAllText(b.LockPath));
    }

    [Fact]
    public void Publishing_writes_the_tables_and_figures_and_rewrites_nothing_when_nothing_changed()
    {
        using var w = new PipelineWorkspace();
        w.Run();
        var first = ReportPublisher.Publish([w.Manifest], w.Workspace);
        Assert.DoesNotContain(first.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        foreach (string table in new[] { "table1-fisher.md", "table1-fisher.tex", "table2-effect.md", "table2-effect.tex" })
            Assert.Contains(Path.Combine(w.Workspace.ReportsDirectory, table), first.Written);
        Assert.Contains(first.Written, p => p.EndsWith(".svg", StringComparison.Ordinal));
        Assert.Contains(first.Written, p => p.EndsWith(".png", StringComparison.Ordinal) && p.Contains(Path.Combine("experiments", "tiny"), StringComparison.Ordinal));
        var second = ReportPublisher.Publish([w.Manifest], w.Workspace);
        Assert.Empty(second.Written);
    }

    [Fact]
    public void Publishing_removes_what_an_earlier_publication_wrote_for_an_experiment_no_longer_published_and_nothing_else()
    {
        using var w = new PipelineWorkspace();
        w.Run();
        ReportPublisher.Publish([w.Manifest], w.Workspace);
        string reports = w.Workspace.ReportsDirectory;
        string userFile = Path.Combine(reports, "my-notes.md"), template = Path.Combine(reports, "templates", "mine.md.hbs");
        Directory.CreateDirectory(Path.GetDirectoryName(template)!);
        File.WriteAllText(userFile, "mine");
        File.WriteAllText(template, "mine");
        string[] tinyFiles = [.. Directory.EnumerateFiles(reports, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f).Contains("tiny", StringComparison.Ordinal) || f.Contains(Path.Combine("experiments", "tiny"), StringComparison.Ordinal))];
        Assert.Contains(tinyFiles, f => f.EndsWith(".svg", StringComparison.Ordinal));
        Assert.Contains(tinyFiles, f => f.EndsWith(".png", StringComparison.Ordinal));

        // the experiment is renamed: its old report files go, the new ones come, the user's stay
        w.Write(PipelineWorkspace.Tiny.Replace("name: tiny", "name: tiny-renamed", StringComparison.Ordinal));
        w.Run();
        var renamed = ReportPublisher.Publish([w.Manifest], w.Workspace);

        Assert.All(tinyFiles, f => Assert.False(File.Exists(f), f));
        Assert.False(Directory.Exists(Path.Combine(reports, "experiments", "tiny")));
        Assert.Contains(renamed.Written, f => f.Contains(Path.Combine("experiments", "tiny-renamed"), StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(reports, "table1-fisher.md")));
        Assert.Equal("mine", File.ReadAllText(userFile));
        Assert.Equal("mine", File.ReadAllText(template));
        string[] listed = File.ReadAllLines(Path.Combine(reports, ReportPublisher.PublishedList));
        Assert.Equal(listed.Order(StringComparer.Ordinal), listed);
        Assert.DoesNotContain(listed, l => l.Contains("my-notes", StringComparison.Ordinal) || l.StartsWith("templates/", StringComparison.Ordinal));
        Assert.All(listed, l => Assert.True(File.Exists(Path.Combine(reports, l)), l));

        // while a selected experiment is not in the store yet, nothing is removed
        w.Write(PipelineWorkspace.Tiny.Replace("name: tiny", "name: tiny-renamed", StringComparison.Ordinal).Replace("k: 4", "k: 5", StringComparison.Ordinal));
        var notYet = ReportPublisher.Publish([w.Manifest], w.Workspace);
        Assert.Contains(notYet.Diagnostics, d => d.Severity == DiagnosticSeverity.Warning);
        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(reports, "experiments", "tiny-renamed")));
        Assert.True(File.Exists(Path.Combine(reports, "table1-fisher.md")));
        Assert.Equal(listed, File.ReadAllLines(Path.Combine(reports, ReportPublisher.PublishedList)));
    }

    [Fact]
    public void Feature_visualization_instances_carry_their_own_format_version_so_older_stores_recompute_only_them()
    {
        using var w = new PipelineWorkspace();
        var measures = w.Plan().Stages.Where(s => s.Kind == StageKinds.Measure).ToArray();
        Assert.Equal(MeasurementStage.Version, Assert.Single(measures, s => s.Id.Contains("/lesion@", StringComparison.Ordinal)).FormatVersion);
        Assert.Equal(MeasurementStage.FeatureVisVersion, Assert.Single(measures, s => s.Id.Contains("/featvis@", StringComparison.Ordinal)).FormatVersion);
        Assert.NotEqual(MeasurementStage.Version, MeasurementStage.FeatureVisVersion);
    }

    [Fact]
    public void Publishing_before_a_run_warns_instead_of_computing()
    {
        using var w = new PipelineWorkspace();
        var outcome = ReportPublisher.Publish([w.Manifest], w.Workspace);
        var warning = Assert.Single(outcome.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Contains("run", warning.Message);
        Assert.Empty(w.Workspace.Store.List());
    }
}
