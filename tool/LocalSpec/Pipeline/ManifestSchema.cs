using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace LocalSpec.Pipeline;

/// <summary>
/// The manifest's JSON Schema (draft 2020-12), generated from <see cref="ManifestFields"/>, the
/// table the reader validates with. Committed as experiments/manifest.schema.json so that editors
/// validate and complete manifests (<c># yaml-language-server: $schema=manifest.schema.json</c>).
/// Cross-field and file-system rules (a path exists, epochs required with an architecture file)
/// are the reader's alone; the schema says them in descriptions.
/// </summary>
public static class ManifestSchema
{
    public const string Draft = "https://json-schema.org/draft/2020-12/schema";

    /// <summary>The schema as indented JSON with '\n' line ends and a final newline; the same bytes on every run.</summary>
    public static string Generate()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            ManifestField root = ManifestFields.Root;
            w.WriteStartObject();
            w.WriteString("$schema", Draft);
            w.WriteString("title", "LocalSpec experiment manifest");
            w.WriteString("description", $"{root.Description} Reference: docs/manifest.md.");
            WriteSectionBody(w, root);
            w.WritePropertyName("not");
            w.WriteStartObject();
            w.WriteString("description", "'models' (analyse these files) and 'training' (train networks) exclude each other.");
            w.WritePropertyName("required");
            WriteStrings(w, [ManifestFields.Models.Name, ManifestFields.Training.Name]);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()).Replace("\r\n", "\n") + "\n";
    }

    private static void WriteField(Utf8JsonWriter w, ManifestField field)
    {
        w.WriteStartObject();
        w.WriteString("description", Describe(field));
        switch (field.Kind)
        {
            case ManifestFieldKind.Section:
                WriteSectionBody(w, field);
                break;
            case ManifestFieldKind.List:
                w.WriteString("type", "array");
                w.WritePropertyName("items");
                w.WriteStartObject();
                WriteScalar(w, field, field.ItemKind);
                w.WriteEndObject();
                if (field.MinItems > 0) w.WriteNumber("minItems", field.MinItems);
                if (field.UniqueItems) w.WriteBoolean("uniqueItems", true);
                break;
            case ManifestFieldKind.IntegerOrList:
                w.WritePropertyName("anyOf");
                w.WriteStartArray();
                w.WriteStartObject();
                WriteScalar(w, field, ManifestFieldKind.Integer);
                w.WriteEndObject();
                w.WriteStartObject();
                w.WriteString("type", "array");
                w.WritePropertyName("items");
                w.WriteStartObject();
                WriteScalar(w, field, ManifestFieldKind.Integer);
                w.WriteEndObject();
                w.WriteNumber("minItems", field.MinItems);
                if (field.UniqueItems) w.WriteBoolean("uniqueItems", true);
                w.WriteEndObject();
                w.WriteEndArray();
                break;
            case ManifestFieldKind.Text when field == ManifestFields.Arch:
                w.WriteString("type", "string");
                w.WritePropertyName("anyOf");
                w.WriteStartArray();
                w.WriteStartObject();
                w.WritePropertyName("enum");
                WriteStrings(w, field.Choices ?? []);
                w.WriteEndObject();
                w.WriteStartObject();
                w.WriteString("pattern", $"\\{ManifestFields.ArchFileSuffix}$");
                w.WriteEndObject();
                w.WriteEndArray();
                break;
            default:
                WriteScalar(w, field, field.Kind);
                break;
        }
        if (field.Default is not null)
        {
            w.WritePropertyName("default");
            WriteValue(w, field.Default);
        }
        w.WriteEndObject();
    }

    private static void WriteSectionBody(Utf8JsonWriter w, ManifestField section)
    {
        w.WriteString("type", "object");
        w.WriteBoolean("additionalProperties", false);
        string[] required = [.. section.Fields.Where(f => f.Required).Select(f => f.Name)];
        if (required.Length > 0)
        {
            w.WritePropertyName("required");
            WriteStrings(w, required);
        }
        w.WritePropertyName("properties");
        w.WriteStartObject();
        foreach (ManifestField f in section.Fields)
        {
            w.WritePropertyName(f.Name);
            WriteField(w, f);
        }
        w.WriteEndObject();
    }

    private static void WriteScalar(Utf8JsonWriter w, ManifestField field, ManifestFieldKind kind)
    {
        switch (kind)
        {
            case ManifestFieldKind.Integer:
                w.WriteString("type", "integer");
                if (field.Minimum is long min) w.WriteNumber("minimum", min);
                w.WriteNumber("maximum", int.MaxValue);
                break;
            case ManifestFieldKind.Seed:
                w.WriteString("type", "integer");
                w.WriteNumber("minimum", 0);
                w.WriteNumber("maximum", ulong.MaxValue);
                break;
            case ManifestFieldKind.Number:
                w.WriteString("type", "number");
                if (field.ExclusiveMinimum is double exclusive) w.WriteNumber("exclusiveMinimum", exclusive);
                break;
            case ManifestFieldKind.Choice:
                w.WriteString("type", "string");
                w.WritePropertyName("enum");
                WriteStrings(w, field.Choices ?? []);
                break;
            default:
                w.WriteString("type", "string");
                if (field.Pattern is string pattern) w.WriteString("pattern", pattern);
                break;
        }
    }

    /// <summary>The field's description, plus its default in words when that is not a constant.</summary>
    private static string Describe(ManifestField field)
    {
        string text = field.Description.Replace('`', '\'');
        if (field.Required) return $"{text} Required.";
        return field.Default is null && field.DefaultText is string words ? $"{text} Default: {words}." : text;
    }

    private static void WriteValue(Utf8JsonWriter w, object value)
    {
        switch (value)
        {
            case int i: w.WriteNumberValue(i); break;
            case ulong u: w.WriteNumberValue(u); break;
            case double d: w.WriteRawValue(d.ToString("R", CultureInfo.InvariantCulture)); break;
            case string s: w.WriteStringValue(s); break;
            case string[] strings: WriteStrings(w, strings); break;
            default: throw new InvalidOperationException($"No JSON form for a default of type {value.GetType().Name}.");
        }
    }

    private static void WriteStrings(Utf8JsonWriter w, IEnumerable<string> values)
    {
        w.WriteStartArray();
        foreach (string v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }
}
