namespace LocalSpec.Pipeline;

/// <summary>The manifests of a directory: its <c>*.yaml</c> and <c>*.yml</c> files, in ordinal order.</summary>
public static class ManifestFiles
{
    public static IReadOnlyList<string> In(string directory)
    {
        string full = Path.GetFullPath(directory);
        if (!Directory.Exists(full)) throw new DirectoryNotFoundException($"{full}: no such directory of manifests");
        return [.. Directory.EnumerateFiles(full, "*.yaml").Concat(Directory.EnumerateFiles(full, "*.yml"))
            .Where(p => !Path.GetFileName(p).StartsWith('.'))
            .Order(StringComparer.Ordinal)];
    }
}
