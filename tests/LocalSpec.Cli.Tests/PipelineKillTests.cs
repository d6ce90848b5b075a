using System.Diagnostics;
using System.Text.RegularExpressions;
using LocalSpec.Pipeline;
using LocalSpec.Tests.TestSupport;

namespace LocalSpec.Cli.Tests;

/// <summary>
/// A run killed with SIGKILL in the middle of a stage (the CLI as a child process) and run again:
/// the stages that had finished are reused, the interrupted one is rebuilt, and the store holds
/// only artifacts that verify.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed partial class PipelineKillTests : IDisposable
{
    private readonly TempWorkspace _ws = new("localspec-cli-kill-");

    public void Dispose() => _ws.Dispose();

    [GeneratedRegex(@"^stages: (\d+) ran, (\d+) cached$", RegexOptions.Multiline)]
    private static partial Regex SummaryLine();

    [RequiresFact(typeof(NpmClient))]
    public void A_run_killed_during_a_stage_resumes_without_redoing_finished_stages_and_leaves_no_corrupt_artifact()
    {
        string manifest = _ws.Write("m.yaml", TempWorkspace.TinyManifest());
        var finishedBeforeKill = new List<string>();
        string temp = Path.Combine(_ws.StoreRoot, "tmp");
        int exitCode = KillDuring(manifest, "ran graph/weights@r0", temp, "partition-", finishedBeforeKill);

        Assert.NotEqual(0, exitCode); // killed, not finished
        string[] halfBuilt = Directory.GetDirectories(temp, "partition-*");
        Assert.NotEmpty(halfBuilt); // the kill interrupted the partition stage: its folder is still in tmp/
        Assert.Contains(finishedBeforeKill, l => l.Contains("ran train@r0"));
        Assert.True(finishedBeforeKill.Count < TempWorkspace.TinyStages, string.Join('\n', finishedBeforeKill));

        var (exit, output, error) = CliRunner.Run("run", manifest);

        Assert.True(exit == ExitCodes.Success, error);
        var summary = SummaryLine().Match(output);
        Assert.True(summary.Success, output);
        int ran = int.Parse(summary.Groups[1].Value), cached = int.Parse(summary.Groups[2].Value);
        Assert.Equal(TempWorkspace.TinyStages, ran + cached);
        Assert.True(cached >= finishedBeforeKill.Count, $"{cached} cached, but {finishedBeforeKill.Count} stages had finished:\n{string.Join('\n', finishedBeforeKill)}\n{error}");
        Assert.DoesNotContain("ran train@r0", error);
        Assert.DoesNotContain("ran graph/", error);
        Assert.DoesNotContain("LSP102", error);

        var store = new ArtifactStore(_ws.StoreRoot);
        var artifacts = store.List();
        Assert.Equal(TempWorkspace.TinyStages, artifacts.Count);
        foreach (var a in artifacts) Assert.NotNull(store.TryOpen(a.Kind, a.Key));
        Assert.True(store.CleanTemp() >= halfBuilt.Length);
        Assert.True(!Directory.Exists(temp) || Directory.GetDirectories(temp).Length == 0, "a temporary folder survived CleanTemp");
        LockFile.Read(_ws.LockPath); // readable
    }

    /// <summary>
    /// Runs <c>localspec run</c> as a child process; once a stderr line contains <paramref name="trigger"/>,
    /// waits until the next stage's working folder (<paramref name="prefix"/>* in <paramref name="temp"/>)
    /// appears and kills the process tree (SIGKILL) in the middle of that stage. Collects the "ran" lines
    /// seen until then.
    /// </summary>
    private static int KillDuring(string manifest, string trigger, string temp, string prefix, List<string> finished)
    {
        string cli = Path.Combine(AppContext.BaseDirectory, "dotnet-localspec.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(manifest)!,
        };
        foreach (string a in new[] { cli, "run", manifest }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        var log = new List<string>();
        string? line;
        while ((line = process.StandardError.ReadLine()) is not null)
        {
            log.Add(line);
            if (line.Contains(": ran ", StringComparison.Ordinal)) finished.Add(line);
            if (line.Contains(trigger, StringComparison.Ordinal)) break;
        }
        Assert.True(line is not null, $"the run ended before '{trigger}':\n{string.Join('\n', log)}");
        var waited = Stopwatch.StartNew();
        while (!process.HasExited && waited.Elapsed < TimeSpan.FromMinutes(2) && !(Directory.Exists(temp) && Directory.GetDirectories(temp, prefix + "*").Length > 0))
            Thread.Sleep(5);
        if (process.HasExited || waited.Elapsed >= TimeSpan.FromMinutes(2))
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            Assert.Fail($"no {prefix}* folder appeared in {temp} while the run went on");
        }
        process.Kill(entireProcessTree: true);
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(1)), "the killed process did not exit");
        // Drain what it wrote before dying: a stage may have finished between the trigger and the kill.
        while ((line = process.StandardError.ReadLine()) is not null)
            if (line.Contains(": ran ", StringComparison.Ordinal)) finished.Add(line);
        return process.ExitCode;
    }
}
