using System.Text.RegularExpressions;
using LocalSpec.Pipeline;
using LocalSpec.Tests.TestSupport;

namespace LocalSpec.Cli.Tests;

/// <summary>
/// <c>run</c>, <c>status</c>, <c>why</c>, <c>clean --unused</c> through the real command surface, on
/// copies of a workspace where the tiny manifest has run once (<see cref="PipelineBaseline"/>).
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed partial class PipelineRunTests(PipelineBaseline baseline)
{
    private const int Stages = TempWorkspace.TinyStages;

    [GeneratedRegex(@"^stages: (\d+) ran, (\d+) cached$", RegexOptions.Multiline)]
    private static partial Regex SummaryLine();

    private static string Manifest(TempWorkspace ws) => ws.PathOf(PipelineBaseline.ManifestName);

    private static void ChangeK(TempWorkspace ws, int k) => ws.Write(PipelineBaseline.ManifestName, TempWorkspace.TinyManifest(k: k));

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [RequiresFact(typeof(NpmClient))]
    public void Run_twice_runs_every_stage_then_none_and_ends_each_time_with_the_summary_line()
    {
        var (exit, output, error) = baseline.FirstRun;
        Assert.True(exit == ExitCodes.Success, error);
        Assert.Equal($"stages: {Stages} ran, 0 cached", Lines(output)[^1]);
        Assert.Equal(Stages, Lines(error).Count(l => l.StartsWith("tiny: ran ", StringComparison.Ordinal)));
        Assert.Contains("wrote reports/table1-fisher.md", output);

        using var ws = baseline.Copy();
        (exit, output, error) = CliRunner.Run("run", Manifest(ws));

        Assert.True(exit == ExitCodes.Success, error);
        Assert.Equal([$"stages: 0 ran, {Stages} cached"], Lines(output)); // reports unchanged: nothing written
        Assert.DoesNotContain(" ran ", error);
    }

    [RequiresFact(typeof(NpmClient))]
    public void Status_lists_cached_and_stale_instances_with_the_reason_each_would_run()
    {
        using var ws = baseline.Copy();
        var (exit, output, _) = CliRunner.Run("status", Manifest(ws));
        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains($"tiny (", output);
        Assert.Contains($"): {Stages} cached, 0 would run", output);
        Assert.Equal($"stages: 0 would run, {Stages} cached", Lines(output)[^1]);

        // A missing artifact, and a new k.
        var store = new ArtifactStore(ws.StoreRoot);
        var train = store.List().Single(a => a.Kind == StageKinds.Train);
        store.Remove(train);
        ChangeK(ws, 5);
        (exit, output, _) = CliRunner.Run("status", "--all", Manifest(ws));

        Assert.Equal(ExitCodes.Success, exit);
        string[] lines = Lines(output);
        Assert.Contains(lines, l => l.StartsWith($"  stale   train@r0  — its artifact {train.Key[..12]} is not in the store", StringComparison.Ordinal));
        Assert.Contains("  cached  graph/weights@r0", lines);
        int partition = Array.FindIndex(lines, l => l.StartsWith("  stale   partition/weights/network/k5@r0  — new instance", StringComparison.Ordinal));
        Assert.True(partition >= 0, output);
        Assert.Contains("compared with partition/weights/network/k4@r0", lines[partition]);
        Assert.Equal("parameter k: 4 → 5", lines[partition + 1].Trim());
        Assert.Equal($"stages: {Stages - 1} would run, 1 cached", lines[^1]);
    }

    [RequiresFact(typeof(NpmClient))]
    public void Why_after_a_change_of_k_names_the_parameter_and_says_the_training_is_cached()
    {
        using var ws = baseline.Copy();
        ChangeK(ws, 6);

        var (exit, output, error) = CliRunner.Run("why", Manifest(ws), "partition/weights/network/k6@r0");
        Assert.True(exit == ExitCodes.Success, error);
        Assert.Contains("tiny: partition/weights/network/k6@r0 (key ", output);
        Assert.Contains("would run:", output);
        Assert.Contains("- new instance: not in localspec.lock; compared with partition/weights/network/k4@r0:", output);
        Assert.Contains("- parameter k: 4 → 6", output);

        (exit, output, error) = CliRunner.Run("why", Manifest(ws), "train@r0");
        Assert.True(exit == ExitCodes.Success, error);
        Assert.Contains("tiny: train@r0 (key ", output);
        Assert.Contains("cached: nothing it depends on changed", output);
        Assert.DoesNotContain("would run", output);

        (exit, _, error) = CliRunner.Run("why", Manifest(ws), "partition/weights/network/k4@r0");
        Assert.Equal(ExitCodes.InputError, exit);
        Assert.Contains("has no stage instance 'partition/weights/network/k4@r0'", error);
        Assert.Contains("  partition/weights/network/k6@r0", error);
    }

    [RequiresFact(typeof(NpmClient))]
    public void A_change_of_k_reruns_only_what_depends_on_k_and_clean_unused_removes_what_the_old_k_left()
    {
        using var ws = baseline.Copy();
        var store = new ArtifactStore(ws.StoreRoot);
        var before = store.List().Select(a => a.Key).ToHashSet();
        ChangeK(ws, 5);

        var (exit, output, error) = CliRunner.Run("run", Manifest(ws));
        Assert.True(exit == ExitCodes.Success, error);
        Assert.Equal($"stages: {Stages - 2} ran, 2 cached", Lines(output)[^1]); // train and graph stay cached
        Assert.DoesNotContain("ran train@r0", error);
        Assert.DoesNotContain("ran graph/", error);
        Assert.Equal(2 * Stages - 2, store.List().Count);

        (exit, output, error) = CliRunner.Run("clean", "--unused", ws.Root);

        Assert.True(exit == ExitCodes.Success, error);
        Assert.StartsWith($"removed {Stages - 2} artifact(s), ", output);
        var referenced = LockFile.Read(ws.LockPath).ReferencedKeys;
        var left = store.List().Select(a => a.Key).ToHashSet();
        Assert.Equal(referenced.Order(), left.Order());
        Assert.Equal(2, left.Intersect(before).Count());

        (exit, output, error) = CliRunner.Run("run", Manifest(ws));
        Assert.True(exit == ExitCodes.Success, error);
        Assert.Equal($"stages: 0 ran, {Stages} cached", Lines(output)[^1]);
    }

    [RequiresFact(typeof(NpmClient))]
    public void A_tampered_artifact_is_reported_as_LSP102_and_exactly_that_stage_reruns_to_the_same_bytes()
    {
        using var ws = baseline.Copy();
        var store = new ArtifactStore(ws.StoreRoot);
        var partition = store.List().Single(a => a.Kind == StageKinds.Partition);
        string file = partition.PathOf("partition.json");
        byte[] original = File.ReadAllBytes(file);
        byte[] tampered = [.. original];
        tampered[tampered.Length / 2] ^= 0x01;
        File.WriteAllBytes(file, tampered);

        var (exit, output, error) = CliRunner.Run("run", Manifest(ws));

        Assert.True(exit == ExitCodes.Success, error);
        var warning = Assert.Single(Lines(error), l => l.Contains("warning LSP102:"));
        Assert.StartsWith($"{Manifest(ws)}(", warning);
        Assert.Contains("partition/weights/network/k4@r0", warning);
        Assert.Equal(["tiny: ran partition/weights/network/k4@r0"], Lines(error).Where(l => l.Contains(": ran ")).Select(l => l[..l.IndexOf(" in ", StringComparison.Ordinal)]));
        var summary = SummaryLine().Match(output);
        Assert.Equal(("1", $"{Stages - 1}"), (summary.Groups[1].Value, summary.Groups[2].Value));
        Assert.Equal(original, File.ReadAllBytes(store.TryOpen(StageKinds.Partition, partition.Key)!.PathOf("partition.json")));
    }
}
