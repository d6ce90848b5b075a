using System.Text.Json.Nodes;
using LocalSpec.Pipeline;
using LocalSpec.Tests.TestSupport;

namespace LocalSpec.Tests.Pipeline;

/// <summary>
/// experiments/manifest.schema.json and docs/manifest.md are generated from the field table the
/// reader validates with; these tests fail when a committed copy is stale and say how to
/// regenerate it (run with LOCALSPEC_REGENERATE=1 to rewrite them).
/// </summary>
public sealed class ManifestGeneratedFilesTests
{
    public const string SchemaFile = "experiments/manifest.schema.json";
    public const string DocsFile = "docs/manifest.md";

    [Fact]
    public void The_committed_schema_is_the_generated_one() => CheckCommitted(SchemaFile, ManifestSchema.Generate());

    [Fact]
    public void The_committed_manifest_reference_is_the_generated_one() => CheckCommitted(DocsFile, ManifestDocs.Generate());

    [Fact]
    public void Generating_twice_gives_the_same_text()
    {
        Assert.Equal(ManifestSchema.Generate(), ManifestSchema.Generate());
        Assert.Equal(ManifestDocs.Generate(), ManifestDocs.Generate());
    }

    [Fact]
    public void The_schema_is_draft_2020_12_and_closes_every_object()
    {
        JsonObject schema = JsonNode.Parse(ManifestSchema.Generate())!.AsObject();
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", (string?)schema["$schema"]);
        Assert.Equal(["name", "dataset", "network"], schema["required"]!.AsArray().Select(n => (string?)n));
        foreach (ManifestField field in ManifestFields.All.Prepend(ManifestFields.Root))
        {
            JsonObject node = Locate(schema, field);
            Assert.False(string.IsNullOrWhiteSpace((string?)node["description"]), $"{field.Path} has no description");
            if (field.Kind == ManifestFieldKind.Section)
            {
                Assert.False((bool)node["additionalProperties"]!, $"{field.Path} allows unknown fields");
                Assert.Equal(field.Fields.Select(f => f.Name), node["properties"]!.AsObject().Select(p => p.Key));
            }
        }
    }

    [Fact]
    public void The_schemas_defaults_are_the_readers_defaults()
    {
        // Write a manifest holding every default the schema declares; it must read the same as the
        // three required fields alone.
        JsonObject schema = JsonNode.Parse(ManifestSchema.Generate())!.AsObject();
        JsonObject manifest = Defaults(schema);
        manifest["name"] = "mlp-mnist10k";
        manifest["dataset"] = "mnist10k";
        manifest["network"] = new JsonObject { ["arch"] = "mlp" };
        Assert.True(manifest.Count > 8, manifest.ToJsonString());

        // JSON is YAML.
        Manifest explicitDefaults = ManifestReader.Parse(manifest.ToJsonString(), ManifestTestFiles.ManifestPath);
        Assert.Equal(ManifestReader.Parse(ManifestTestFiles.Minimal, ManifestTestFiles.ManifestPath), explicitDefaults);
    }

    [Fact]
    public void The_reference_lists_every_field_and_every_code()
    {
        string docs = ManifestDocs.Generate();
        Assert.All(ManifestFields.All, f => Assert.Contains($"| `{f.Path}` |", docs, StringComparison.Ordinal));
        Assert.All(DiagnosticCodes.Meanings, m => Assert.Contains($"| {m.Key} |", docs, StringComparison.Ordinal));
        Assert.Contains("# yaml-language-server: $schema=manifest.schema.json", docs, StringComparison.Ordinal);
    }

    private static JsonObject Locate(JsonObject schema, ManifestField field)
    {
        JsonObject node = schema;
        foreach (string part in field.Path.Split('.', StringSplitOptions.RemoveEmptyEntries))
            node = node["properties"]![part]!.AsObject();
        return node;
    }

    private static JsonObject Defaults(JsonObject section)
    {
        var values = new JsonObject();
        foreach (var (name, node) in section["properties"]!.AsObject())
        {
            JsonObject property = node!.AsObject();
            if (property["default"] is JsonNode value) values[name] = value.DeepClone();
            else if ((string?)property["type"] == "object" && Defaults(property) is { Count: > 0 } inner) values[name] = inner;
        }
        return values;
    }

    private static void CheckCommitted(string relative, string generated)
    {
        string path = Path.Combine(RepoPaths.Root, relative);
        string committed = File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n") : "";
        if (committed == generated) return;
        if (Environment.GetEnvironmentVariable("LOCALSPEC_REGENERATE") == "1")
        {
            File.WriteAllText(path, generated);
            return;
        }
        Assert.Fail($"{relative} is stale: it no longer matches what LocalSpec.Pipeline.ManifestFields generates. " +
            $"Regenerate it from the repository root with: {ManifestDocs.RegenerateCommand}");
    }
}
