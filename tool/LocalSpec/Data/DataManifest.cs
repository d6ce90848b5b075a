using System.Text.Json;
using System.Text.Json.Serialization;

namespace LocalSpec.Data;

/// <summary>
/// <c>manifest.json</c> of a stored data set: what it is, where it came from and the SHA-256 of
/// every file, written last into the temporary folder so that a set folder with a readable
/// manifest is complete. No timestamps or host names: the same fetch gives the same bytes.
/// </summary>
public sealed record DataManifest
{
    public const string FileName = "manifest.json";
    public const int CurrentFormat = 1;

    public int Format { get; init; } = CurrentFormat;
    public required string Name { get; init; }
    public required string Source { get; init; }
    public required int TrainCount { get; init; }
    public required int TestCount { get; init; }
    public required IReadOnlyList<DataFileHash> Files { get; init; }

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>This manifest with its files in ordinal path order, the order in which it is written.</summary>
    public DataManifest Sorted() => this with { Files = Files.OrderBy(f => f.Path, StringComparer.Ordinal).ToArray() };

    public void Write(string directory) =>
        File.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(Sorted(), Json) + "\n");

    /// <summary>The manifest in <paramref name="directory"/>, or null when there is none.</summary>
    public static DataManifest? TryRead(string directory)
    {
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            var manifest = JsonSerializer.Deserialize<DataManifest>(File.ReadAllText(path), Json);
            if (manifest is null || manifest.Files is null || manifest.Name is null || manifest.Source is null)
                throw new DataException($"{path}: incomplete manifest; fetch the set again with --force");
            if (manifest.Format != CurrentFormat)
                throw new DataException($"{path}: manifest format {manifest.Format} is not {CurrentFormat}; fetch the set again with --force");
            foreach (DataFileHash file in manifest.Files)
                if (file?.Path is null || file.Sha256 is null || !IsSafeRelativePath(file.Path))
                    throw new DataException($"{path}: malformed file entry; fetch the set again with --force");
            return manifest;
        }
        catch (JsonException e)
        {
            throw new DataException($"{path}: malformed manifest ({e.Message.Split('\n')[0]}); fetch the set again with --force", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataException($"{path}: cannot read ({e.Message})", e);
        }
    }

    internal static bool IsSafeRelativePath(string path) =>
        path.Length > 0 && !Path.IsPathRooted(path) && !path.Split('/', '\\').Any(part => part is "" or "." or "..");
}
