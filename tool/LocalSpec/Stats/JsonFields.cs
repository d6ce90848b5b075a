using System.Globalization;
using System.Text.Json;

namespace LocalSpec.Stats;

/// <summary>Strict field access for <see cref="StatsJson"/>: every problem becomes one line naming the source and the field.</summary>
internal sealed class JsonFields(string source)
{
    public StatsFormatException Error(string at, string problem) =>
        new($"{source}: {(at.Length == 0 ? "(root)" : at)}: {problem}");

    /// <summary>The object's fields; unknown or repeated names are errors.</summary>
    public Dictionary<string, JsonElement> Fields(JsonElement e, string at, string[] allowed)
    {
        if (e.ValueKind != JsonValueKind.Object)
            throw Error(at, $"must be an object (got {Kind(e)})");
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in e.EnumerateObject())
        {
            string name = Join(at, property.Name);
            if (!allowed.Contains(property.Name))
                throw Error(name, $"unknown field (allowed: {string.Join(", ", allowed)})");
            if (!fields.TryAdd(property.Name, property.Value))
                throw Error(name, "appears more than once");
        }
        return fields;
    }

    public JsonElement Required(Dictionary<string, JsonElement> fields, string name, string at) =>
        fields.TryGetValue(name, out var value) ? value : throw Error(Join(at, name), "missing");

    public int Integer(JsonElement e, string at, int minimum) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out int value) && value >= minimum
            ? value
            : throw Error(at, $"must be an integer ≥ {minimum} (got {Describe(e)})");

    public double Number(JsonElement e, string at, double minimum, double maximum) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out double value) && value >= minimum && value <= maximum
            ? value
            : throw Error(at, string.Create(CultureInfo.InvariantCulture, $"must be a number in [{minimum:R}, {maximum:R}] (got {Describe(e)})"));

    public double[] Numbers(JsonElement e, string at, int length, double minimum, double maximum)
    {
        if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() != length)
            throw Error(at, $"must be an array of n_subclusters = {length} numbers (got {Describe(e)})");
        return e.EnumerateArray().Select((v, i) => Number(v, $"{at}[{i}]", minimum, maximum)).ToArray();
    }

    public bool Boolean(JsonElement e, string at) => e.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Error(at, $"must be true or false (got {Describe(e)})"),
    };

    public string String(JsonElement e, string at) =>
        e.ValueKind == JsonValueKind.String ? e.GetString()! : throw Error(at, $"must be a string (got {Describe(e)})");

    public static string Kind(JsonElement e) => e.ValueKind.ToString().ToLowerInvariant();

    private static string Join(string at, string name) => at.Length == 0 ? name : $"{at}.{name}";

    private static string Describe(JsonElement e)
    {
        string raw = e.GetRawText();
        return raw.Length <= 40 ? raw : raw[..37] + "...";
    }
}
