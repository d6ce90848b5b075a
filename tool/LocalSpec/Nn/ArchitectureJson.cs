using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LocalSpec.Nn;

/// <summary>
/// JSON form of <see cref="ArchitectureSpec"/>: strict parsing (unknown or duplicate fields are
/// errors that name the field) and compact canonical writing (fixed key order, every field written).
/// </summary>
internal static class ArchitectureJson
{
    public static ArchitectureSpec Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new ArchitectureException($"arch: not valid JSON ({e.Message})", e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new ArchitectureException($"arch: must be a JSON object (got {Kind(root)})");
            var fields = Fields(root, "arch", ["format", "input", "layers"]);
            string format = String(Required(fields, "format", "arch"), "arch.format");
            if (format != ArchitectureSpec.FormatName)
                throw new ArchitectureException($"arch.format: must be \"{ArchitectureSpec.FormatName}\" (got \"{format}\")");
            var input = Required(fields, "input", "arch");
            if (input.ValueKind != JsonValueKind.Array)
                throw new ArchitectureException($"arch.input: must be an array of positive integers (got {Kind(input)})");
            int[] shape = input.EnumerateArray().Select((e, i) => Integer(e, $"arch.input[{i}]")).ToArray();
            var layers = Required(fields, "layers", "arch");
            if (layers.ValueKind != JsonValueKind.Array)
                throw new ArchitectureException($"arch.layers: must be an array of layer objects (got {Kind(layers)})");
            var specs = layers.EnumerateArray().Select((e, i) => Layer(e, $"arch.layers[{i}]")).ToArray();
            var spec = new ArchitectureSpec(shape, specs);
            spec.Validate();
            return spec;
        }
    }

    private static LayerSpec Layer(JsonElement e, string at)
    {
        if (e.ValueKind != JsonValueKind.Object)
            throw new ArchitectureException($"{at}: must be an object with a \"type\" (got {Describe(e)})");
        string expected = string.Join(", ", LayerSpec.TypeNames);
        if (!e.TryGetProperty("type", out var typeElement))
            throw new ArchitectureException($"{at}.type: missing (expected one of {expected})");
        string type = String(typeElement, $"{at}.type");
        return type switch
        {
            "dense" => new DenseSpec(Integer(Required(Fields(e, at, ["type", "units"]), "units", at), $"{at}.units")),
            "conv2d" => Conv(Fields(e, at, ["type", "filters", "kernel", "padding"]), at),
            "maxpool2d" => new MaxPool2dSpec(Integer(Required(Fields(e, at, ["type", "size"]), "size", at), $"{at}.size")),
            "relu" => Empty(new ReluSpec(), e, at),
            "flatten" => Empty(new FlattenSpec(), e, at),
            "batchnorm" => BatchNorm(Fields(e, at, ["type", "eps", "momentum"]), at),
            "dropout" => new DropoutSpec(Number(Required(Fields(e, at, ["type", "rate"]), "rate", at), $"{at}.rate")),
            _ => throw new ArchitectureException($"{at}.type: unknown layer type \"{type}\" (expected one of {expected})"),
        };
    }

    private static LayerSpec Empty(LayerSpec spec, JsonElement e, string at)
    {
        Fields(e, at, ["type"]);
        return spec;
    }

    private static Conv2dSpec Conv(Dictionary<string, JsonElement> f, string at)
    {
        int filters = Integer(Required(f, "filters", at), $"{at}.filters");
        int kernel = Integer(Required(f, "kernel", at), $"{at}.kernel");
        string padding = String(Required(f, "padding", at), $"{at}.padding");
        return padding switch
        {
            "same" => new Conv2dSpec(filters, kernel, Padding.Same),
            "valid" => new Conv2dSpec(filters, kernel, Padding.Valid),
            _ => throw new ArchitectureException($"{at}.padding: must be \"same\" or \"valid\" (got \"{padding}\")"),
        };
    }

    private static BatchNormSpec BatchNorm(Dictionary<string, JsonElement> f, string at)
    {
        var defaults = new BatchNormSpec();
        double eps = f.TryGetValue("eps", out var e) ? Number(e, $"{at}.eps") : defaults.Eps;
        double momentum = f.TryGetValue("momentum", out var m) ? Number(m, $"{at}.momentum") : defaults.Momentum;
        return new BatchNormSpec(eps, momentum);
    }

    /// <summary>The object's fields; unknown or repeated names are errors.</summary>
    private static Dictionary<string, JsonElement> Fields(JsonElement e, string at, string[] allowed)
    {
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in e.EnumerateObject())
        {
            if (!allowed.Contains(property.Name))
                throw new ArchitectureException($"{at}.{property.Name}: unknown field (allowed: {string.Join(", ", allowed)})");
            if (!fields.TryAdd(property.Name, property.Value))
                throw new ArchitectureException($"{at}.{property.Name}: appears more than once");
        }
        return fields;
    }

    private static JsonElement Required(Dictionary<string, JsonElement> fields, string name, string at) =>
        fields.TryGetValue(name, out var value) ? value : throw new ArchitectureException($"{at}.{name}: missing");

    private static int Integer(JsonElement e, string at) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out int value)
            ? value
            : throw new ArchitectureException($"{at}: must be an integer (got {Describe(e)})");

    private static double Number(JsonElement e, string at) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out double value) && double.IsFinite(value)
            ? value
            : throw new ArchitectureException($"{at}: must be a number (got {Describe(e)})");

    private static string String(JsonElement e, string at) =>
        e.ValueKind == JsonValueKind.String
            ? e.GetString()!
            : throw new ArchitectureException($"{at}: must be a string (got {Describe(e)})");

    private static string Kind(JsonElement e) => e.ValueKind.ToString().ToLowerInvariant();

    private static string Describe(JsonElement e)
    {
        string raw = e.GetRawText();
        return raw.Length <= 40 ? raw : raw[..37] + "...";
    }

    /// <summary>Compact canonical JSON: keys in the order of the contract, defaults written out.</summary>
    public static string Write(ArchitectureSpec spec)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            w.WriteStartObject();
            w.WriteString("format", ArchitectureSpec.FormatName);
            w.WriteStartArray("input");
            foreach (int d in spec.Input) w.WriteNumberValue(d);
            w.WriteEndArray();
            w.WriteStartArray("layers");
            foreach (var layer in spec.Layers) WriteLayer(w, layer);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteLayer(Utf8JsonWriter w, LayerSpec layer)
    {
        w.WriteStartObject();
        w.WriteString("type", layer.TypeName);
        switch (layer)
        {
            case DenseSpec d:
                w.WriteNumber("units", d.Units);
                break;
            case Conv2dSpec c:
                w.WriteNumber("filters", c.Filters);
                w.WriteNumber("kernel", c.Kernel);
                w.WriteString("padding", c.Padding == Padding.Same ? "same" : c.Padding == Padding.Valid ? "valid" : ((int)c.Padding).ToString(CultureInfo.InvariantCulture));
                break;
            case MaxPool2dSpec p:
                w.WriteNumber("size", p.Size);
                break;
            case BatchNormSpec b:
                WriteDouble(w, "eps", b.Eps);
                WriteDouble(w, "momentum", b.Momentum);
                break;
            case DropoutSpec d:
                WriteDouble(w, "rate", d.Rate);
                break;
        }
        w.WriteEndObject();
    }

    /// <summary>Shortest round-trip form with a lower-case exponent ("1e-05", "0.1"), independent of culture.</summary>
    private static void WriteDouble(Utf8JsonWriter w, string name, double value)
    {
        w.WritePropertyName(name);
        if (double.IsFinite(value)) w.WriteRawValue(value.ToString("R", CultureInfo.InvariantCulture).ToLowerInvariant());
        else w.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
    }
}
