using System.Collections.Concurrent;
using LocalSpec.Pipeline;

namespace LocalSpec.Tests.Pipeline;

/// <summary>
/// A throw-away workspace (temp folder with <c>.localspec/</c>, so the store, reports and lock file
/// live there) with one manifest in it, and a runner that records what it is told.
/// </summary>
internal sealed class PipelineWorkspace : IDisposable
{
    /// <summary>The smallest manifest that still runs every stage kind (a few seconds).</summary>
    public const string Tiny = """
        name: tiny
        label: "Tiny MLP"
        dataset: mnist10k
        network: { arch: mlp }
        training: { epochs: 1, replicates: 1 }
        graphs: [weights]
        scopes: [network]
        k: 4
        clustering: { n_init: 2 }
        measures: { random_subclusters: 3, featvis: { steps: 2 } }
        """;

    public PipelineWorkspace(string manifest = Tiny)
    {
        Root = Path.Combine(Path.GetTempPath(), "localspec-pipeline-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path.Combine(Root, ".localspec"));
        ManifestPath = Path.Combine(Root, "tiny.yaml");
        Write(manifest);
    }

    public string Root { get; }

    public string ManifestPath { get; }

    public Workspace Workspace => Workspace.Locate(Root);

    public string LockPath => Path.Combine(Root, LockFile.FileName);

    public void Write(string manifest) => File.WriteAllText(ManifestPath, manifest);

    public Manifest Manifest => ManifestReader.Load(ManifestPath);

    public ExperimentPlan Plan() => StagePlanner.Build(Manifest, Workspace.Environment());

    public (RunSummary Summary, RecordingObserver Observer) Run()
    {
        var observer = new RecordingObserver();
        var workspace = Workspace;
        var environment = workspace.Environment(observer.Message);
        var plan = StagePlanner.Build(Manifest, environment);
        var summary = new PipelineRunner(environment, observer).Run([plan]);
        return (summary, observer);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

internal sealed class RecordingObserver : IPipelineObserver
{
    public ConcurrentQueue<(string Stage, StageOutcome Outcome)> Finished { get; } = new();

    public ConcurrentQueue<PipelineDiagnostic> Diagnostics { get; } = new();

    public IReadOnlyList<string> Ran => [.. Finished.Where(f => f.Outcome == StageOutcome.Ran).Select(f => f.Stage).Order(StringComparer.Ordinal)];

    public IReadOnlyList<string> Cached => [.. Finished.Where(f => f.Outcome == StageOutcome.Cached).Select(f => f.Stage).Order(StringComparer.Ordinal)];

    public void StageStarted(StageDefinition stage, string key) { }

    public void StageProgress(StageDefinition stage, double fraction, string description) =>
        Assert.InRange(fraction, 0, 1);

    public void StageFinished(StageDefinition stage, StageOutcome outcome, TimeSpan elapsed) => Finished.Enqueue((stage.Id, outcome));

    public void Diagnostic(PipelineDiagnostic diagnostic) => Diagnostics.Enqueue(diagnostic);

    public void Message(string text) { }
}
