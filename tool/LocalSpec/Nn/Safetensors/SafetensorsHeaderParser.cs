using System.Text.Json;
using System.Text.Unicode;

namespace LocalSpec.Nn.Safetensors;

/// <summary>
/// Turns the header JSON into typed entries, checking each value's type the way the reference
/// crate's serde types do (<c>dtype</c> a known name; <c>shape</c> and <c>data_offsets</c>
/// unsigned integers; <c>__metadata__</c> a string-to-string map or null; unknown fields
/// ignored). Stricter than the reference in one respect: a repeated key is an error rather than
/// last-one-wins, since two values for one tensor leave no right answer.
/// </summary>
internal static class SafetensorsHeaderParser
{
    internal const string MetadataKey = "__metadata__";

    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 64,
    };

    /// <summary>Parses <paramref name="header"/> (the N header bytes, padding included).</summary>
    internal static (SortedDictionary<string, string> Metadata, List<SafetensorsHeaderEntry> Entries) Parse(
        ReadOnlyMemory<byte> header, string source)
    {
        if (!Utf8.IsValid(header.Span))
            throw Fail(source, "header is not valid UTF-8");

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(header, Options);
        }
        catch (JsonException ex)
        {
            throw Fail(source, $"header is not valid JSON at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1} ({Reason(ex)})");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw Fail(source, $"header is a JSON {Kind(root)}; expected an object mapping tensor names to entries");

            var metadata = new SortedDictionary<string, string>(StringComparer.Ordinal);
            var entries = new List<SafetensorsHeaderEntry>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                string name = PropertyName(property, source, "header");
                if (!seen.Add(name))
                    throw Fail(source, $"header has the key {Quote(name)} twice");
                if (name == MetadataKey)
                    ReadMetadata(property.Value, metadata, source);
                else
                    entries.Add(ReadEntry(name, property.Value, entries.Count, source));
            }
            return (metadata, entries);
        }
    }

    private static void ReadMetadata(JsonElement value, SortedDictionary<string, string> metadata, string source)
    {
        if (value.ValueKind == JsonValueKind.Null) return;
        if (value.ValueKind != JsonValueKind.Object)
            throw Fail(source, $"{MetadataKey} is a JSON {Kind(value)}; expected an object of string values");
        foreach (var property in value.EnumerateObject())
        {
            string key = PropertyName(property, source, MetadataKey);
            if (property.Value.ValueKind != JsonValueKind.String)
                throw Fail(source, $"{MetadataKey} value for key {Quote(key)} is a JSON {Kind(property.Value)}; expected a string");
            if (!metadata.TryAdd(key, StringValue(property.Value, source, $"{MetadataKey} value for key {Quote(key)}")))
                throw Fail(source, $"{MetadataKey} has the key {Quote(key)} twice");
        }
    }

    private static SafetensorsHeaderEntry ReadEntry(string name, JsonElement value, int jsonIndex, string source)
    {
        string where = $"tensor {Quote(name)}";
        if (value.ValueKind != JsonValueKind.Object)
            throw Fail(source, $"{where}: entry is a JSON {Kind(value)}; expected an object with dtype, shape and data_offsets");

        JsonElement? dtypeValue = null, shapeValue = null, offsetsValue = null;
        var fields = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in value.EnumerateObject())
        {
            string fieldName = PropertyName(field, source, where);
            if (!fields.Add(fieldName))
                throw Fail(source, $"{where}: field {Quote(fieldName)} appears twice");
            switch (fieldName)
            {
                case "dtype": dtypeValue = field.Value; break;
                case "shape": shapeValue = field.Value; break;
                case "data_offsets": offsetsValue = field.Value; break;
            }
        }

        var dtype = ReadDType(Required(dtypeValue, "dtype", where, source), where, source);
        ulong[] shape = ReadUnsignedArray(Required(shapeValue, "shape", where, source), "shape", where, source);
        ulong[] offsets = ReadUnsignedArray(Required(offsetsValue, "data_offsets", where, source), "data_offsets", where, source);
        if (offsets.Length != 2)
            throw Fail(source, $"{where}: data_offsets has {offsets.Length} entries; expected [begin, end]");
        return new SafetensorsHeaderEntry(name, dtype, shape, offsets[0], offsets[1], jsonIndex);
    }

    private static JsonElement Required(JsonElement? value, string field, string where, string source) =>
        value ?? throw Fail(source, $"{where}: missing field '{field}'");

    private static SafetensorsDType ReadDType(JsonElement value, string where, string source)
    {
        if (value.ValueKind != JsonValueKind.String)
            throw Fail(source, $"{where}: dtype is a JSON {Kind(value)}; expected a string such as \"F32\"");
        string text = StringValue(value, source, $"{where}: dtype");
        if (!SafetensorsDTypes.TryParse(text, out var dtype))
            throw Fail(source, $"{where}: unknown dtype {Quote(text)} (known: {string.Join(", ", SafetensorsDTypes.All)})");
        return dtype;
    }

    private static ulong[] ReadUnsignedArray(JsonElement value, string field, string where, string source)
    {
        if (value.ValueKind != JsonValueKind.Array)
            throw Fail(source, $"{where}: {field} is a JSON {Kind(value)}; expected an array of non-negative integers");
        var result = new ulong[value.GetArrayLength()];
        int i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetUInt64(out result[i]))
                throw Fail(source, $"{where}: {field}[{i}] = {SafetensorsFormatException.Snippet(item.GetRawText())} is not a non-negative 64-bit integer");
            i++;
        }
        return result;
    }

    /// <summary>
    /// Property names and strings can be valid JSON yet not decodable (an escaped lone surrogate
    /// such as "\ud800"); System.Text.Json reports that with InvalidOperationException.
    /// </summary>
    private static string PropertyName(JsonProperty property, string source, string where)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            throw Fail(source, $"{where}: a key is not a valid Unicode string (lone surrogate escape)");
        }
    }

    private static string StringValue(JsonElement value, string source, string where)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw Fail(source, $"{where} is not a valid Unicode string (lone surrogate escape)");
        }
    }

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };

    private static string Quote(string text) => SafetensorsFormatException.Quote(text);

    /// <summary>
    /// The parser's reason without its position suffix, cut short: System.Text.Json quotes the
    /// offending text, which in a corrupt header can be the whole rest of the file.
    /// </summary>
    private static string Reason(JsonException ex)
    {
        string message = ex.Message;
        int position = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (position >= 0) message = message[..position];
        return SafetensorsFormatException.Cut(message, 120);
    }

    private static SafetensorsFormatException Fail(string source, string problem) => new(source, problem);
}
