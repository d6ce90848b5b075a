using System.Globalization;
using System.Text;

namespace LocalSpec.Pipeline;

/// <summary>
/// Reads experiment manifests (docs/manifest.md). Every problem of a file is collected and
/// thrown together as one <see cref="PipelineException"/>, one diagnostic per problem, located
/// at the offending node (1-based line and column) and in document order. Reading never
/// touches the cache; it only checks that the files a manifest names exist.
/// </summary>
public static class ManifestReader
{
    /// <summary>Reads and validates the manifest at <paramref name="path"/>.</summary>
    public static Manifest Load(string path)
    {
        var diagnostics = new List<PipelineDiagnostic>();
        Manifest? manifest = TryLoad(Path.GetFullPath(path), diagnostics);
        return manifest ?? throw new PipelineException(diagnostics);
    }

    /// <summary>Validates <paramref name="yaml"/> as if read from <paramref name="path"/> (relative paths in it resolve against its folder).</summary>
    public static Manifest Parse(string yaml, string path)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var diagnostics = new List<PipelineDiagnostic>();
        Manifest? manifest = TryParse(yaml, Path.GetFullPath(path), diagnostics);
        return manifest ?? throw new PipelineException(diagnostics);
    }

    /// <summary>
    /// Reads several manifests (a path given twice is read once) and checks that their names are
    /// unique. Throws one <see cref="PipelineException"/> with the diagnostics of every file.
    /// </summary>
    public static IReadOnlyList<Manifest> LoadAll(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var diagnostics = new List<PipelineDiagnostic>();
        var manifests = new List<Manifest>();
        foreach (string path in paths.Select(p => Path.GetFullPath(p)).Distinct(StringComparer.Ordinal))
        {
            var own = new List<PipelineDiagnostic>();
            Manifest? manifest = TryLoad(path, own);
            if (manifest is not null && manifests.FirstOrDefault(m => m.Name == manifest.Name) is { } first)
            {
                var (line, column) = first.Positions.Of(ManifestFields.Name.Path);
                own.Add(manifest.DiagnosticAt(ManifestFields.Name.Path, DiagnosticCodes.Duplicate,
                    string.Create(CultureInfo.InvariantCulture,
                        $"experiment name '{manifest.Name}' is already used by {first.SourcePath}({line},{column}); names must be unique, rename one")));
            }
            else if (manifest is not null)
            {
                manifests.Add(manifest);
            }
            diagnostics.AddRange(own);
        }
        return diagnostics.Count == 0 ? manifests : throw new PipelineException(diagnostics);
    }

    private static Manifest? TryLoad(string fullPath, List<PipelineDiagnostic> diagnostics)
    {
        if (!File.Exists(fullPath))
        {
            diagnostics.Add(new PipelineDiagnostic(fullPath, 0, 0, DiagnosticCodes.FileNotFound, "manifest file not found"));
            return null;
        }
        return TryParse(File.ReadAllText(fullPath, Encoding.UTF8), fullPath, diagnostics);
    }

    /// <summary>The manifest, or null after adding this file's diagnostics (sorted by position) to <paramref name="diagnostics"/>.</summary>
    private static Manifest? TryParse(string yaml, string fullPath, List<PipelineDiagnostic> diagnostics)
    {
        YamlNode? root = YamlNodeReader.Read(yaml, fullPath, out PipelineDiagnostic? syntaxError);
        if (syntaxError is not null)
        {
            diagnostics.Add(syntaxError);
            return null;
        }
        var found = new List<PipelineDiagnostic>();
        var validator = new ManifestValidator(fullPath, found);
        validator.ValidateRoot(root);
        Manifest manifest = new ManifestBuilder(fullPath, validator, found).Build();
        // Stable: problems at one node keep the order they were found in.
        diagnostics.AddRange(found.OrderBy(d => d.Line).ThenBy(d => d.Column));
        return found.Count == 0 ? manifest : null;
    }
}
