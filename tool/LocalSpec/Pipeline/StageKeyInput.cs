using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LocalSpec.Pipeline;

/// <summary>
/// Everything a stage's output depends on, and nothing else (ARCHITECTURE.md "Cache and
/// incrementality"; DVC's stage cache and Snakemake's rerun triggers hash the same things): the
/// stage kind, its format version (bumped when the stage's code changes its output), its own
/// parameters, the keys of the upstream stages it reads, and the SHA-256 of each input file.
/// Names in <see cref="Upstream"/> and <see cref="InputFiles"/> are stable labels
/// (<c>graph/weights@r0</c>, <c>arch.json</c>), never absolute paths, so the key does not move with
/// the checkout or the cache. Equality is equality of <see cref="Key"/>.
/// </summary>
public sealed partial record StageKeyInput(string Kind, int FormatVersion, JsonObject Parameters,
    IReadOnlyDictionary<string, string> Upstream, IReadOnlyDictionary<string, string> InputFiles)
{
    /// <summary>Tag hashed into every key; change it only to invalidate every cache at once.</summary>
    public const string Schema = "localspec.key/1";

    /// <summary>Kinds name cache folders, so they are restricted to safe lower-case names; "tmp" and "locks" are the store's.</summary>
    /// <remarks>Checked in the constructor and in <c>with</c> expressions alike.</remarks>
    public string Kind { get; init => field = ValidKind(value); } = ValidKind(Kind);

    public int FormatVersion { get; init => field = ValidFormatVersion(value); } = ValidFormatVersion(FormatVersion);

    /// <summary>
    /// Lower-case hex SHA-256 of the UTF-8 <see cref="CanonicalJson"/> of <see cref="ToJson"/>.
    /// Recomputed on each call (microseconds), so it can never go stale after a <c>with</c> or a change to
    /// <see cref="Parameters"/>.
    /// </summary>
    public string Key => Convert.ToHexStringLower(SHA256.HashData(CanonicalJson.SerializeToUtf8Bytes(ToJson())));

    private static int ValidFormatVersion(int version) => version >= 0
        ? version
        : throw new ArgumentOutOfRangeException(nameof(FormatVersion), version, "A format version is a non-negative integer.");

    [GeneratedRegex("^[a-z][a-z0-9_-]*$")]
    private static partial Regex KindPattern();

    private static string ValidKind(string kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        if (!KindPattern().IsMatch(kind) || kind is ArtifactStore.TempFolder or ArtifactStore.LocksFolder)
            throw new ArgumentException($"'{kind}' is not a valid stage kind: use lower-case letters, digits, '-' and '_', starting with a letter (not 'tmp' or 'locks').", nameof(Kind));
        return kind;
    }

    /// <summary>
    /// <c>{"schema", "kind", "format_version", "parameters", "upstream", "input_files"}</c>; a fresh tree
    /// each call (the parameters are deep-copied).
    /// </summary>
    public JsonObject ToJson() => new()
    {
        ["schema"] = Schema,
        ["kind"] = Kind,
        ["format_version"] = FormatVersion,
        ["parameters"] = Parameters.DeepClone(),
        ["upstream"] = StringMap(Upstream),
        ["input_files"] = StringMap(InputFiles),
    };

    private static JsonObject StringMap(IReadOnlyDictionary<string, string> map)
    {
        var obj = new JsonObject();
        foreach (var (name, value) in map.OrderBy(p => p.Key, StringComparer.Ordinal)) obj[name] = value;
        return obj;
    }

    /// <summary>Reads the form written by <see cref="ToJson"/>; the key of the result equals the original's.</summary>
    /// <exception cref="InvalidDataException">A field is missing or has the wrong type, or the schema tag differs.</exception>
    public static StageKeyInput FromJson(JsonObject o)
    {
        ArgumentNullException.ThrowIfNull(o);
        string schema = RequiredString(o, "schema");
        if (schema != Schema)
            throw new InvalidDataException($"key_input: schema is \"{schema}\", expected \"{Schema}\"");
        string kind = RequiredString(o, "kind");
        if (o["format_version"] is not JsonValue version
            || !int.TryParse(version.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int formatVersion))
            throw new InvalidDataException("key_input: \"format_version\" must be an integer");
        if (o["parameters"] is not JsonObject parameters)
            throw new InvalidDataException("key_input: \"parameters\" must be an object");
        try
        {
            return new StageKeyInput(kind, formatVersion, (JsonObject)parameters.DeepClone(),
                ReadStringMap(o, "upstream"), ReadStringMap(o, "input_files"));
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"key_input: {ex.Message}", ex);
        }
    }

    private static string RequiredString(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue(out string? s)
            ? s
            : throw new InvalidDataException($"key_input: \"{name}\" must be a string");

    private static SortedDictionary<string, string> ReadStringMap(JsonObject o, string name)
    {
        if (o[name] is not JsonObject map)
            throw new InvalidDataException($"key_input: \"{name}\" must be an object");
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in map)
        {
            result[key] = value is JsonValue v && v.TryGetValue(out string? s)
                ? s
                : throw new InvalidDataException($"key_input: \"{name}\".\"{key}\" must be a string");
        }
        return result;
    }

    /// <summary>
    /// Why this key differs from <paramref name="previous"/>, one human line per changed component, in
    /// a fixed order (kind, format version, parameters by dotted path, upstream, input files), e.g.
    /// <c>parameter k: 16 → 12</c>, <c>upstream graph/weights@r0 changed (3fa2… → 91bc…)</c>. Empty when the keys agree.
    /// </summary>
    public IReadOnlyList<string> Differences(StageKeyInput previous)
    {
        ArgumentNullException.ThrowIfNull(previous);
        var lines = new List<string>();
        if (Kind != previous.Kind) lines.Add($"kind {previous.Kind} → {Kind}");
        if (FormatVersion != previous.FormatVersion)
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"format version {previous.FormatVersion} → {FormatVersion}"));
        CompareParameters(previous.Parameters, Parameters, "", lines);
        CompareHashes("upstream ", previous.Upstream, Upstream, lines);
        CompareHashes("input file ", previous.InputFiles, InputFiles, lines);
        return lines;
    }

    private static void CompareParameters(JsonObject before, JsonObject after, string prefix, List<string> lines)
    {
        var names = before.Select(p => p.Key).Union(after.Select(p => p.Key)).Order(StringComparer.Ordinal);
        foreach (string name in names)
        {
            string path = prefix + name;
            bool had = before.TryGetPropertyValue(name, out JsonNode? old);
            bool has = after.TryGetPropertyValue(name, out JsonNode? now);
            if (!had)
            {
                lines.Add($"parameter {path} added: {CanonicalJson.Serialize(now)}");
            }
            else if (!has)
            {
                lines.Add($"parameter {path} removed (was {CanonicalJson.Serialize(old)})");
            }
            else if (old is JsonObject oldObject && now is JsonObject newObject)
            {
                CompareParameters(oldObject, newObject, path + ".", lines);
            }
            else
            {
                string was = CanonicalJson.Serialize(old), @is = CanonicalJson.Serialize(now);
                if (was != @is) lines.Add($"parameter {path}: {was} → {@is}");
            }
        }
    }

    private static void CompareHashes(string label, IReadOnlyDictionary<string, string> before,
        IReadOnlyDictionary<string, string> after, List<string> lines)
    {
        foreach (string name in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            bool had = before.TryGetValue(name, out string? old);
            bool has = after.TryGetValue(name, out string? now);
            if (!had) lines.Add($"{label}{name} added ({Short(now!)})");
            else if (!has) lines.Add($"{label}{name} removed (was {Short(old!)})");
            else if (old != now) lines.Add($"{label}{name} changed ({Short(old!)} → {Short(now!)})");
        }
    }

    private static string Short(string hash) => hash.Length > 4 ? hash[..4] + "…" : hash;

    public bool Equals(StageKeyInput? other) => other is not null && Key == other.Key;

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);
}
