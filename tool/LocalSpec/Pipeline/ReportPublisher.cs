using LocalSpec.Nn.Safetensors;
using LocalSpec.Reporting;

namespace LocalSpec.Pipeline;

/// <summary>
/// Puts the reports where users look: each experiment's report artifact is copied to
/// <c>reports/experiments/&lt;name&gt;/</c>, and the cross-experiment tables (the paper's Tables 1, 2,
/// 7–8, the heatmap) are rendered from the stats of all the manifests into <c>reports/</c>. Nothing
/// is computed: a stage that is not in the store is reported, not run. Files are written only when
/// their bytes change; files of an experiment's folder that its report no longer has are removed.
/// <see cref="PublishedList"/> in reports/ lists what the last publication wrote, so files that an
/// earlier one wrote and this one does not (an experiment since removed or renamed, a proxy no
/// longer measured) are removed too; files it never wrote (templates, the user's own) are not
/// touched, and nothing is removed while a selected experiment is not in the store yet.
/// </summary>
public static class ReportPublisher
{
    public const string ExperimentsFolder = "experiments";

    /// <summary>reports/.published: the files of the last publication, one path relative to reports/ per line.</summary>
    public const string PublishedList = ".published";

    public static ReportPublication Publish(IReadOnlyList<Manifest> manifests, Workspace workspace)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        ArgumentNullException.ThrowIfNull(workspace);
        var environment = workspace.Environment(autoFetch: false);
        return Publish([.. manifests.Select(m => StagePlanner.Build(m, environment))], workspace);
    }

    /// <summary>As above, for plans a run has already built (no second data-set load or key computation).</summary>
    public static ReportPublication Publish(IReadOnlyList<ExperimentPlan> plans, Workspace workspace, IReadOnlyDictionary<StageDefinition, StageKeyInput>? keys = null)
    {
        ArgumentNullException.ThrowIfNull(plans);
        ArgumentNullException.ThrowIfNull(workspace);
        keys ??= PlanKeys.Compute(plans);
        string? templates = Directory.Exists(workspace.TemplatesDirectory) ? workspace.TemplatesDirectory : null;
        var written = new List<string>();
        var unchanged = new List<string>();
        var diagnostics = new List<PipelineDiagnostic>();
        var cells = new List<ReportCell>();
        var notYet = new List<string>();
        foreach (var plan in plans)
        {
            // each artifact opened (and so verified) once
            var opened = plan.Stages.Where(s => s.Kind is StageKinds.Stats or StageKinds.Report)
                .ToDictionary(s => s.Id, s => workspace.Store.TryOpen(s.Kind, keys[s].Key), StringComparer.Ordinal);
            var missing = opened.Where(o => o.Value is null).Select(o => o.Key).ToArray();
            if (missing.Length > 0)
            {
                diagnostics.Add(plan.Manifest.DiagnosticAt("name", DiagnosticCodes.StageFailed,
                    $"{plan.Manifest.Name}: not in the store yet ({string.Join(", ", missing)}); run 'dotnet localspec run {Path.GetFileName(plan.Manifest.SourcePath)}' first",
                    DiagnosticSeverity.Warning));
                notYet.Add(plan.Manifest.Name);
                continue;
            }
            var report = plan.Stages.Single(s => s.Kind == StageKinds.Report);
            Copy(opened[report.Id]!, Path.Combine(workspace.ReportsDirectory, ExperimentsFolder, plan.Manifest.Name), written, unchanged);
            var stats = plan.Stages.Where(s => s.Kind == StageKinds.Stats);
            cells.AddRange(ReportStage.Cells(plan.Manifest, stats, id => opened[id]!));
        }
        if (cells.Count > 0)
        {
            var outcome = ReportWriter.Write(new ReportInput(cells, []), new ReportOptions(workspace.ReportsDirectory) { TemplatesDirectory = templates });
            written.AddRange(outcome.Written);
            unchanged.AddRange(outcome.Unchanged);
            foreach (string w in outcome.Warnings)
                diagnostics.Add(new PipelineDiagnostic(plans[0].Manifest.SourcePath, 1, 1, DiagnosticCodes.StageFailed, w, DiagnosticSeverity.Warning));
        }
        Prune(workspace.ReportsDirectory, [.. written, .. unchanged], notYet);
        return new ReportPublication(written, unchanged, diagnostics);
    }

    // Removes what the previous publication listed and this one did not produce, then lists this one's files.
    private static void Prune(string reports, IReadOnlyList<string> produced, IReadOnlyList<string> notYet)
    {
        string list = Path.Combine(reports, PublishedList);
        string root = Path.GetFullPath(reports);
        string Relative(string path) => Path.GetRelativePath(root, Path.GetFullPath(path)).Replace('\\', '/');
        var now = produced.Select(Relative).ToHashSet(StringComparer.Ordinal);
        string[] before = File.Exists(list) ? File.ReadAllLines(list) : [];
        foreach (string entry in before)
        {
            if (entry.Length == 0 || now.Contains(entry)) continue;
            string path = Path.GetFullPath(Path.Combine(root, entry));
            // while a selected experiment is not in the store yet, nothing is removed (its tables were not redrawn)
            if (notYet.Count > 0 || !path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                if (File.Exists(path)) now.Add(entry);
                continue;
            }
            if (File.Exists(path)) File.Delete(path);
            RemoveEmptyFolders(Path.GetDirectoryName(path)!, root);
        }
        string text = string.Concat(now.Order(StringComparer.Ordinal).Select(e => e + "\n"));
        if (now.Count > 0 || File.Exists(list)) AtomicFile.WriteIfChanged(list, System.Text.Encoding.UTF8.GetBytes(text));
    }

    private static void RemoveEmptyFolders(string folder, string root)
    {
        for (string? f = folder; f is not null && f.Length > root.Length && f.StartsWith(root, StringComparison.Ordinal); f = Path.GetDirectoryName(f))
        {
            if (!Directory.Exists(f) || Directory.EnumerateFileSystemEntries(f).Any()) return;
            Directory.Delete(f);
        }
    }

    private static void Copy(ArtifactHandle artifact, string directory, List<string> written, List<string> unchanged)
    {
        Directory.CreateDirectory(directory);
        foreach (var name in artifact.Files.Keys.Order(StringComparer.Ordinal))
        {
            string target = Path.Combine(directory, name);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (AtomicFile.WriteIfChanged(target, File.ReadAllBytes(artifact.PathOf(name)))) written.Add(target);
            else unchanged.Add(target);
        }
        var keep = artifact.Files.Keys.Select(n => Path.GetFullPath(Path.Combine(directory, n))).ToHashSet(StringComparer.Ordinal);
        foreach (string file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
            if (!keep.Contains(Path.GetFullPath(file))) File.Delete(file);
    }
}
