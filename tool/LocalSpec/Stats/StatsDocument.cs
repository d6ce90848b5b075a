using System.Text;

namespace LocalSpec.Stats;

/// <summary>
/// The stats stage's artifact, stats.json: per proxy, the statistics of one network or of a set of
/// replicates. Written with a fixed key order (proxies sorted by ordinal name), invariant culture
/// and shortest round-trip numbers, so the same statistics give the same bytes; see
/// <see cref="StatsJson"/> for the layout.
/// </summary>
public sealed record StatsDocument(IReadOnlyDictionary<string, ProxyStats> Proxies)
{
    public const string FormatName = "localspec.stats/1";

    public string ToJson() => StatsJson.Write(this);

    /// <param name="source">Names the input in error messages (a file path).</param>
    public static StatsDocument Parse(string json, string source = "stats.json") => StatsJson.Parse(json, source);

    public static StatsDocument Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StatsFormatException($"{path}: cannot read ({e.Message})", e);
        }
        return Parse(text, path);
    }

    /// <summary>Writes atomically (temporary file, then rename) and leaves the file untouched when its content would not change.</summary>
    public void Write(string path)
    {
        string json = ToJson();
        if (File.Exists(path) && File.ReadAllText(path, Encoding.UTF8) == json) return;
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, json, new UTF8Encoding(false));
        File.Move(temporary, path, overwrite: true);
    }
}
