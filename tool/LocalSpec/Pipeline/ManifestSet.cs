namespace LocalSpec.Pipeline;

/// <summary>
/// Picks the manifests a build runs from a selector such as MSBuild's <c>-p:Experiments=…</c>:
/// comma- or semicolon-separated experiment names and set names (a manifest's <c>sets</c>).
/// </summary>
public static class ManifestSet
{
    /// <summary>The set every manifest is in unless its <c>sets</c> says otherwise, and the selector when none is given.</summary>
    public const string DefaultSet = "default";

    /// <summary>
    /// The manifests named by <paramref name="selector"/> or belonging to a set it names, in the
    /// order of <paramref name="manifests"/>, each once. An empty selector means <see cref="DefaultSet"/>.
    /// Throws a <see cref="PipelineException"/> (<see cref="DiagnosticCodes.UnknownName"/>, one per
    /// unknown token, listing the names and sets available) located at <paramref name="origin"/>.
    /// </summary>
    public static IReadOnlyList<Manifest> Select(IEnumerable<Manifest> manifests, string? selector, string origin = "")
    {
        ArgumentNullException.ThrowIfNull(manifests);
        Manifest[] all = [.. manifests];
        string[] tokens = (selector ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (tokens.Length == 0) tokens = [DefaultSet];

        var diagnostics = new List<PipelineDiagnostic>();
        var selected = new HashSet<Manifest>(ReferenceEqualityComparer.Instance);
        foreach (string token in tokens)
        {
            Manifest[] matches = [.. all.Where(m => m.Name == token || m.Sets.Contains(token))];
            if (matches.Length == 0)
            {
                string names = all.Length == 0 ? "none" : string.Join(", ", all.Select(m => m.Name).Order(StringComparer.Ordinal));
                string[] sets = [.. all.SelectMany(m => m.Sets).Distinct().Order(StringComparer.Ordinal)];
                diagnostics.Add(new PipelineDiagnostic(origin, 0, 0, DiagnosticCodes.UnknownName,
                    $"no experiment or set is called '{token}' (experiments: {names}; sets: {(sets.Length == 0 ? "none" : string.Join(", ", sets))})"));
            }
            selected.UnionWith(matches);
        }
        if (diagnostics.Count > 0) throw new PipelineException(diagnostics);
        return [.. all.Where(selected.Contains)];
    }
}
