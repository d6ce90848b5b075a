using System.Globalization;
using LocalSpec.Pipeline;
using Microsoft.Build.Framework;

namespace LocalSpec.Tasks;

/// <summary>
/// After every selected manifest has run: renders the cross-experiment tables and figures into
/// <c>reports/</c> (files are written only when their content changed) and prints the build's one
/// summary line, <c>stages: N ran, M cached</c>, summed over the manifests' results.
/// </summary>
public sealed class LocalSpecReport : LocalSpecTask
{
    /// <summary>The results of <see cref="LocalSpecRun"/> (metadata Ran, Cached, Failed, Skipped).</summary>
    [Required]
    public ITaskItem[] Results { get; set; } = [];

    public string? Store { get; set; }

    /// <summary>Where the tables go; default the workspace's <c>reports/</c>.</summary>
    public string? ReportsDirectory { get; set; }

    [Output]
    public ITaskItem[] Written { get; private set; } = [];

    protected override void ExecuteCore()
    {
        var summary = RunSummary.Empty;
        foreach (var r in Results)
            summary = summary.Add(new RunSummary(Count(r, "Ran"), Count(r, "Cached"), Count(r, "Failed"), Count(r, "Skipped"), []));
        if (Results.Length > 0)
        {
            // Each manifest once: an item list may name a manifest twice (e.g. two runs of it), and its rows
            // must still appear once in the tables.
            var manifests = Results.Select(r => Path.GetFullPath(r.ItemSpec)).Distinct(StringComparer.Ordinal).Select(ManifestReader.Load).ToArray();
            var workspace = Workspace.Locate(Path.GetDirectoryName(manifests[0].SourcePath)!, Store, ReportsDirectory);
            var outcome = ReportPublisher.Publish(manifests, workspace);
            Written = [.. outcome.Written.Select(p => (ITaskItem)new Microsoft.Build.Utilities.TaskItem(p))];
            foreach (var p in outcome.Written) Log.LogMessage(MessageImportance.High, $"  wrote {Path.GetRelativePath(workspace.Root, p)}");
            foreach (var d in outcome.Diagnostics) LogDiagnostic(d);
        }
        Log.LogMessage(MessageImportance.High, summary.ToString());
    }

    private int Count(ITaskItem item, string name)
    {
        string value = item.GetMetadata(name);
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n)) return n;
        Log.LogWarning($"result {item.ItemSpec} has no {name} count ('{value}')");
        return 0;
    }
}
