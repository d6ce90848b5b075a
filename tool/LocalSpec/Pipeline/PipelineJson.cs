using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LocalSpec.Pipeline;

/// <summary>
/// The readable JSON shared by artifact.json and localspec.lock: 2-space indent, '\n' line ends,
/// structural keys in a fixed order, maps sorted ordinally, and parameters and file records as one
/// canonical line each, so a change shows up as a one-line diff.
/// </summary>
internal static class PipelineJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static readonly JsonDocumentOptions ReadOptions = new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    /// <summary>Writes a document with <paramref name="write"/> and returns its UTF-8 bytes with a trailing newline.</summary>
    public static byte[] Document(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            write(writer);
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    public static void WriteKeyInput(Utf8JsonWriter w, string propertyName, StageKeyInput input)
    {
        w.WriteStartObject(propertyName);
        w.WriteString("schema", StageKeyInput.Schema);
        w.WriteString("kind", input.Kind);
        w.WriteNumber("format_version", input.FormatVersion);
        w.WritePropertyName("parameters");
        w.WriteRawValue(CanonicalJson.Serialize(input.Parameters));
        WriteStringMap(w, "upstream", input.Upstream);
        WriteStringMap(w, "input_files", input.InputFiles);
        w.WriteEndObject();
    }

    private static void WriteStringMap(Utf8JsonWriter w, string propertyName, IReadOnlyDictionary<string, string> map)
    {
        w.WriteStartObject(propertyName);
        foreach (var (name, value) in map.OrderBy(p => p.Key, StringComparer.Ordinal)) w.WriteString(name, value);
        w.WriteEndObject();
    }

    public static void WriteFiles(Utf8JsonWriter w, string propertyName, IReadOnlyDictionary<string, ArtifactFile> files)
    {
        w.WriteStartObject(propertyName);
        foreach (var (name, file) in files.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.WritePropertyName(name);
            w.WriteRawValue(CanonicalJson.Serialize(new JsonObject { ["sha256"] = file.Sha256, ["size"] = file.Size }));
        }
        w.WriteEndObject();
    }

    /// <exception cref="InvalidDataException">Not an object of {"sha256": string, "size": non-negative integer}.</exception>
    public static IReadOnlyDictionary<string, ArtifactFile> ReadFiles(JsonNode? node, string what)
    {
        if (node is not JsonObject obj) throw new InvalidDataException($"\"{what}\" must be an object");
        var files = new SortedDictionary<string, ArtifactFile>(StringComparer.Ordinal);
        foreach (var (name, value) in obj)
        {
            if (value is not JsonObject record
                || record["sha256"] is not JsonValue sha || !sha.TryGetValue(out string? sha256)
                || record["size"] is not JsonValue size || !long.TryParse(size.ToJsonString(), NumberStyles.None, CultureInfo.InvariantCulture, out long bytes) || bytes < 0)
                throw new InvalidDataException($"\"{what}\".\"{name}\" must be {{\"sha256\": string, \"size\": integer}}");
            if (!IsSafeRelativeName(name))
                throw new InvalidDataException($"\"{what}\": \"{name}\" is not a relative file name inside the artifact");
            files[name] = new ArtifactFile(sha256, bytes);
        }
        return files.AsReadOnly();
    }

    /// <summary>'/'-separated, relative, no empty, "." or ".." segment, no '\\': cannot point outside its folder.</summary>
    public static bool IsSafeRelativeName(string name) =>
        name.Length > 0 && !name.Contains('\\') && name.Split('/').All(segment => segment is not ("" or "." or ".."));

    public static string RequiredString(JsonObject o, string name, string where) =>
        o[name] is JsonValue v && v.TryGetValue(out string? s)
            ? s
            : throw new InvalidDataException($"{where}\"{name}\" must be a string");

    public static JsonObject RequiredObject(JsonObject o, string name, string where) =>
        o[name] as JsonObject ?? throw new InvalidDataException($"{where}\"{name}\" must be an object");
}
