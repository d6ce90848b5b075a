using System.Globalization;
using LocalSpec.Pipeline;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace LocalSpec.Tasks;

/// <summary>
/// Runs every stage instance of one manifest (cached stages are reused) and returns the counts as
/// metadata of <see cref="Result"/> so that the report task can print one summary line for the build.
/// </summary>
public sealed class LocalSpecRun : LocalSpecTask, ICancelableTask
{
    private readonly CancellationTokenSource _cancel = new();

    [Required]
    public string Manifest { get; set; } = "";

    /// <summary>Artifact store; default the workspace's <c>.localspec/cache</c>.</summary>
    public string? Store { get; set; }

    /// <summary>Stage instances run at once within this manifest.</summary>
    public int Jobs { get; set; } = 1;

    [Output]
    public ITaskItem? Result { get; private set; }

    public void Cancel() => _cancel.Cancel();

    protected override void ExecuteCore()
    {
        var manifest = ManifestReader.Load(Manifest);
        var workspace = Workspace.Locate(Path.GetDirectoryName(manifest.SourcePath)!, Store);
        var observer = new MSBuildObserver(Log, LogDiagnostic);
        var environment = workspace.Environment(line => observer.Message($"{manifest.Name}: {line}"));
        var plan = StagePlanner.Build(manifest, environment);
        var summary = new PipelineRunner(environment, observer, Math.Max(1, Jobs)).Run([plan], _cancel.Token);
        var item = new TaskItem(manifest.SourcePath);
        item.SetMetadata("ExperimentName", manifest.Name);
        item.SetMetadata("Ran", summary.Ran.ToString(CultureInfo.InvariantCulture));
        item.SetMetadata("Cached", summary.Cached.ToString(CultureInfo.InvariantCulture));
        item.SetMetadata("Failed", summary.Failed.ToString(CultureInfo.InvariantCulture));
        item.SetMetadata("Skipped", summary.Skipped.ToString(CultureInfo.InvariantCulture));
        Result = item;
        Log.LogMessage(MessageImportance.High, $"{manifest.Name}: {summary.ToString()["stages: ".Length..]}");
    }
}
