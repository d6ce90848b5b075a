using LocalSpec.Pipeline;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace LocalSpec.Tasks;

/// <summary>
/// Reads and validates every manifest in <see cref="Directory"/> and returns those that
/// <see cref="Selector"/> names (<c>-p:Experiments=&lt;name or set&gt;[;…]</c>). Any manifest error
/// fails the build here, before a single stage runs.
/// </summary>
public sealed class LocalSpecSelect : LocalSpecTask
{
    [Required]
    public string Directory { get; set; } = "";

    /// <summary>Manifest names and set names, separated by ';' or ','; empty = the <c>default</c> set.</summary>
    public string Selector { get; set; } = "";

    [Output]
    public ITaskItem[] Manifests { get; private set; } = [];

    protected override void ExecuteCore()
    {
        var paths = ManifestFiles.In(Directory);
        var all = ManifestReader.LoadAll(paths);
        var selected = ManifestSet.Select(all, string.IsNullOrWhiteSpace(Selector) ? "default" : Selector, BuildEngine?.ProjectFileOfTaskNode ?? "");
        Manifests = [.. selected.Select(m =>
        {
            var item = new TaskItem(m.SourcePath);
            item.SetMetadata("ExperimentName", m.Name);
            return (ITaskItem)item;
        })];
        Log.LogMessage(MessageImportance.High, $"LocalSpec: {Manifests.Length} experiment(s): {string.Join(", ", selected.Select(m => m.Name))}");
    }
}
