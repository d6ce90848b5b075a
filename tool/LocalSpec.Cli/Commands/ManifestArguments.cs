using System.CommandLine;
using LocalSpec.Pipeline;

namespace LocalSpec.Cli.Commands;

/// <summary>Manifest arguments of the pipeline verbs: files, or directories standing for their *.yaml files.</summary>
internal static class ManifestArguments
{
    /// <summary>The manifests argument of run, status and report.</summary>
    public static Argument<string[]> Manifests() =>
        new("manifest") { Description = "Experiment manifests (.yaml), or directories of them", Arity = ArgumentArity.OneOrMore };

    /// <summary>The --store option every pipeline verb has.</summary>
    public static Option<string?> Store() =>
        new("--store") { Description = $"Artifact store (default: .localspec/cache in the workspace, or ${Pipeline.Workspace.StoreVariable})" };

    /// <summary>The --reports option of run and report.</summary>
    public static Option<string?> Reports() =>
        new("--reports") { Description = "Where tables and figures go (default: reports/ in the workspace)" };

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
