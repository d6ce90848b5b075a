namespace LocalSpec.Pipeline;

/// <summary>
/// The four proxies of METHOD.md §6 and their two families, as written in manifests, stage ids
/// and reports. A family name (<c>lesion</c>, <c>featvis</c>) stands for all of its proxies.
/// </summary>
public static class ProxyNames
{
    public const string LesionAccDrop = "lesion.acc_drop";
    public const string LesionClassRange = "lesion.class_range";
    public const string FeatVisScore = "featvis.score";
    public const string FeatVisEntropy = "featvis.entropy";

    public const string LesionFamily = "lesion";
    public const string FeatVisFamily = "featvis";

    /// <summary>Every proxy, in the paper's column order (the canonical order of <see cref="Expand"/>).</summary>
    public static IReadOnlyList<string> All { get; } = [LesionAccDrop, LesionClassRange, FeatVisScore, FeatVisEntropy];

    public static IReadOnlyList<string> Families { get; } = [LesionFamily, FeatVisFamily];

    /// <summary>The family of a proxy: the part before the dot.</summary>
    public static string FamilyOf(string proxy) =>
        All.Contains(proxy) ? proxy[..proxy.IndexOf('.')] : throw new ArgumentException($"unknown proxy '{proxy}' (known: {string.Join(", ", All)})", nameof(proxy));

    /// <summary>The proxies named directly or through their family; the one name <paramref name="name"/> stands for.</summary>
    public static IReadOnlyList<string> Expand(string name) =>
        All.Contains(name) ? [name]
        : Families.Contains(name) ? [.. All.Where(p => p.StartsWith(name + ".", StringComparison.Ordinal))]
        : throw new ArgumentException($"unknown proxy '{name}' (known: {string.Join(", ", [.. All, .. Families])})", nameof(name));
}
