namespace LocalSpec.Data;

/// <summary>Finding and copying the files of a <c>--from DIR</c> import.</summary>
internal static class ImportFolder
{
    public static string RequireDirectory(string? directory, string setName)
    {
        if (string.IsNullOrWhiteSpace(directory))
            throw new DataException($"{setName} cannot be fetched automatically; supply its files with: localspec data fetch {setName} --from DIR");
        string full = Path.GetFullPath(directory);
        if (!Directory.Exists(full))
            throw new DataException($"{full}: no such directory (given with --from for {setName})");
        return full;
    }

    /// <summary>The first of <paramref name="candidates"/> (relative to <paramref name="directory"/>) that exists, or null.</summary>
    public static string? FindFirst(string directory, IEnumerable<string> candidates) =>
        candidates.Select(c => Path.Combine(directory, c)).FirstOrDefault(File.Exists);

    public static void CopyInto(string source, string folder, string relativePath)
    {
        string target = Path.Combine(folder, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        try
        {
            File.Copy(source, target, overwrite: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataException($"{source}: cannot copy into the data store ({e.Message})", e);
        }
    }

    /// <summary>Checks a file against a pinned SHA-256; the message names the file and the source.</summary>
    public static void RequireHash(string path, string expected, string what)
    {
        string actual = FileHashing.Sha256Hex(path);
        if (actual != expected)
            throw new DataException($"{path}: SHA-256 {actual} does not match the pinned {expected} of {what}; the file is corrupt or not the expected release");
    }

    /// <summary>True when <paramref name="path"/> starts with the gzip magic bytes 1F 8B.</summary>
    public static bool IsGzip(string path)
    {
        using var stream = File.OpenRead(path);
        return stream.ReadByte() == 0x1F && stream.ReadByte() == 0x8B;
    }
}
