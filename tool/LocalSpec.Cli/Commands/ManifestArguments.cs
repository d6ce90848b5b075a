using LocalSpec.Pipeline;

namespace LocalSpec.Cli.Commands;

/// <summary>Manifest arguments of the pipeline verbs: files, or directories standing for their *.yaml files.</summary>
internal static class ManifestArguments
{
    public static IReadOnlyList<Manifest> Load(IEnumerable<string> arguments)
    {
        var paths = new List<string>();
        foreach (string a in arguments)
        {
            if (Directory.Exists(a)) paths.AddRange(ManifestFiles.In(a));
            else paths.Add(a);
        }
        if (paths.Count == 0) throw new FileNotFoundException("no manifests (*.yaml) given or found");
        return ManifestReader.LoadAll(paths);
    }

    /// <summary>The workspace of the first manifest (all must share it: one store, one reports directory).</summary>
    public static Workspace Workspace(IReadOnlyList<Manifest> manifests, string? store, string? reports = null) =>
        Pipeline.Workspace.Locate(Path.GetDirectoryName(manifests[0].SourcePath)!, store, reports);
}
