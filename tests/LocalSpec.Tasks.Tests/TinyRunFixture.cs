using LocalSpec.Tests.TestSupport;
using Microsoft.Build.Framework;

namespace LocalSpec.Tasks.Tests;

/// <summary>
/// One workspace holding <see cref="TempWorkspace.TinyManifest"/>, run once by <see cref="LocalSpecRun"/>
/// when the fixture is made (a few seconds), so the tests of a class share the first run.
/// </summary>
public sealed class TinyRunFixture : IDisposable
{
    public TinyRunFixture()
    {
        Workspace = new TempWorkspace("localspec-tasks-");
        ManifestPath = Workspace.Write("tiny.yaml", TempWorkspace.TinyManifest());
        if (TestRequirements.Unmet(typeof(NpmClient)) is null)
            (FirstSucceeded, FirstEngine, FirstResult) = Run(ManifestPath);
    }

    public TempWorkspace Workspace { get; }

    public string ManifestPath { get; }

    public bool FirstSucceeded { get; }

    public FakeBuildEngine? FirstEngine { get; }

    public ITaskItem? FirstResult { get; }

    public static (bool Ok, FakeBuildEngine Engine, ITaskItem? Result) Run(string manifest)
    {
        var engine = new FakeBuildEngine();
        var task = new LocalSpecRun { BuildEngine = engine, Manifest = manifest };
        bool ok = task.Execute();
        return (ok, engine, task.Result);
    }

    public void Dispose() => Workspace.Dispose();
}
