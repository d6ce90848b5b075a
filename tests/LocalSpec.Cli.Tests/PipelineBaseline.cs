using LocalSpec.Tests.TestSupport;

namespace LocalSpec.Cli.Tests;

/// <summary>
/// The pipeline tests of the CLI run one after another (each runs stages on a 2-core machine) and
/// share one finished run of <see cref="TempWorkspace.TinyManifest"/>: each test works on a copy.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PipelineCollection : ICollectionFixture<PipelineBaseline>
{
    public const string Name = "pipeline";
}

/// <summary>A workspace where <c>localspec run tiny.yaml</c> has run once (in process), with its output.</summary>
public sealed class PipelineBaseline : IDisposable
{
    public const string ManifestName = "tiny.yaml";

    private readonly Lazy<(TempWorkspace Workspace, (int Exit, string Output, string Error) Run)> _run = new(() =>
    {
        var ws = new TempWorkspace("localspec-cli-pipeline-");
        string manifest = ws.Write(ManifestName, TempWorkspace.TinyManifest());
        return (ws, CliRunner.Run("run", manifest));
    });

    /// <summary>The first run's exit code and output (the run happens on first use, so skipped tests cost nothing).</summary>
    public (int Exit, string Output, string Error) FirstRun => _run.Value.Run;

    /// <summary>A copy of the finished workspace for one test to change; dispose it.</summary>
    public TempWorkspace Copy()
    {
        var (exit, _, error) = FirstRun;
        Assert.True(exit == ExitCodes.Success, error);
        return _run.Value.Workspace.Copy("localspec-cli-pipeline-");
    }

    public void Dispose()
    {
        if (_run.IsValueCreated) _run.Value.Workspace.Dispose();
    }
}
