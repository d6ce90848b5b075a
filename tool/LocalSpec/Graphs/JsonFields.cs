using System.Text.Json;

namespace LocalSpec.Graphs;

/// <summary>Typed access to a JSON document's fields; every problem is a <see cref="GraphFileException"/> naming the file and the field.</summary>
internal sealed class JsonFields(string path)
{
    public GraphFileException Error(string problem) => new(path, problem);

    public JsonElement Property(JsonElement obj, string name, string at) =>
        obj.TryGetProperty(name, out var value) ? value : throw Error($"{Join(at, name)}: missing");

    /// <summary>The property, or null when it is absent or JSON null.</summary>
    public JsonElement? Optional(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public JsonElement Object(JsonElement e, string at) =>
        e.ValueKind == JsonValueKind.Object ? e : throw Error($"{at}: expected an object, got {Describe(e)}");

    public List<JsonElement> ArrayProperty(JsonElement obj, string name) => Array(Property(obj, name, ""), name);

    public List<JsonElement> Array(JsonElement e, string at) =>
        e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().ToList() : throw Error($"{at}: expected an array, got {Describe(e)}");

    public string StringProperty(JsonElement obj, string name, string at = "") => String(Property(obj, name, at), Join(at, name));

    public string String(JsonElement e, string at) =>
        e.ValueKind == JsonValueKind.String ? e.GetString()! : throw Error($"{at}: expected a string, got {Describe(e)}");

    public int IntProperty(JsonElement obj, string name, string at = "") => Int(Property(obj, name, at), Join(at, name));

    public int Int(JsonElement e, string at) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out int value) ? value : throw Error($"{at}: expected an integer, got {Describe(e)}");

    public ulong UInt64(JsonElement e, string at) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetUInt64(out ulong value) ? value : throw Error($"{at}: expected a non-negative integer, got {Describe(e)}");

    public bool BoolProperty(JsonElement obj, string name, string at) => Property(obj, name, at) switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        var e => throw Error($"{Join(at, name)}: expected true or false, got {Describe(e)}"),
    };

    private static string Join(string at, string name) => at.Length == 0 || at == "(root)" ? name : $"{at}.{name}";

    private static string Describe(JsonElement e)
    {
        string raw = e.GetRawText().ReplaceLineEndings(" ");
        return raw.Length <= 24 ? raw : raw[..24] + "…";
    }
}
