using System.Globalization;
using System.Text.Json.Nodes;
using LocalSpec.Pipeline;

namespace LocalSpec.Tests.Pipeline;

public sealed class StageKeyTests
{
    private const string UpstreamR0 = "3fa2c1d0e9b8a7f6e5d4c3b2a1908f7e6d5c4b3a29180f7e6d5c4b3a2918a0b1";
    private const string UpstreamR1 = "91bc0d1e2f3a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9000112233";
    private const string ArchHash = "ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12";

    /// <summary>A partition-like key input touching every component and the awkward doubles.</summary>
    private static StageKeyInput Fixed() => new(
        "partition",
        1,
        new JsonObject
        {
            ["k"] = 16,
            ["scope"] = "network",
            ["clustering"] = new JsonObject { ["n_init"] = 25, ["seed"] = 0 },
            ["lr"] = 0.001,
            ["tiny"] = 1e-7,
            ["sum"] = 0.1 + 0.2,
            ["label"] = "MLP, MNIST — ö",
            ["proxies"] = new JsonArray("lesion.acc_drop", "featvis.score"),
        },
        new Dictionary<string, string> { ["graph/weights@r0"] = UpstreamR0 },
        new Dictionary<string, string> { ["arch.json"] = ArchHash });

    // The canonical text below was reviewed by hand against CanonicalJson's rules and matches Python's
    // json.dumps(json.loads(text), sort_keys=True, separators=(',', ':'), ensure_ascii=False) up to
    // Python's spelling 1e-07; the key is its SHA-256 computed independently: printf '%s' '<text>' | sha256sum
    private const string FixedCanonical =
        "{\"format_version\":1,\"input_files\":{\"arch.json\":\"" + ArchHash + "\"},\"kind\":\"partition\","
        + "\"parameters\":{\"clustering\":{\"n_init\":25,\"seed\":0},\"k\":16,\"label\":\"MLP, MNIST — ö\",\"lr\":0.001,"
        + "\"proxies\":[\"lesion.acc_drop\",\"featvis.score\"],\"scope\":\"network\",\"sum\":0.30000000000000004,\"tiny\":1e-7},"
        + "\"schema\":\"localspec.key/1\",\"upstream\":{\"graph/weights@r0\":\"" + UpstreamR0 + "\"}}";

    private const string FixedKey = "4a6bceab2c2b1f29535aef85b2aaa492c1943f3811b71e1c9a25cc68e4f4b8b5";

    [Fact]
    public void The_key_of_a_fixed_input_is_pinned()
    {
        var input = Fixed();
        Assert.Equal(FixedCanonical, CanonicalJson.Serialize(input.ToJson()));
        Assert.Equal(FixedKey, input.Key);
    }

    [Fact]
    public void The_key_does_not_depend_on_insertion_order_or_culture()
    {
        string expected = Fixed().Key;
        var reordered = new StageKeyInput(
            "partition",
            1,
            new JsonObject
            {
                ["proxies"] = new JsonArray("lesion.acc_drop", "featvis.score"),
                ["label"] = "MLP, MNIST — ö",
                ["sum"] = 0.1 + 0.2,
                ["tiny"] = 1e-7,
                ["lr"] = 0.001,
                ["clustering"] = new JsonObject { ["seed"] = 0, ["n_init"] = 25 },
                ["scope"] = "network",
                ["k"] = 16,
            },
            new SortedDictionary<string, string> { ["graph/weights@r0"] = UpstreamR0 },
            new SortedDictionary<string, string> { ["arch.json"] = ArchHash });
        var previous = CultureInfo.CurrentCulture;
        try
        {
            foreach (string culture in new[] { "de-DE", "fr-FR", "tr-TR" })
            {
                CultureInfo.CurrentCulture = new CultureInfo(culture);
                Assert.Equal(expected, reordered.Key);
                Assert.Equal(expected, Fixed().Key);
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void The_key_survives_a_trip_through_JSON_text()
    {
        var input = Fixed();
        string text = input.ToJson().ToJsonString();
        var back = StageKeyInput.FromJson(JsonNode.Parse(text)!.AsObject());
        Assert.Equal(input.Key, back.Key);
        Assert.Equal(input, back);
        Assert.Empty(back.Differences(input));
    }

    [Fact]
    public void Every_component_changes_the_key()
    {
        var baseline = Fixed();
        var variants = new[]
        {
            baseline with { Kind = "measure" },
            baseline with { FormatVersion = 2 },
            baseline with { Parameters = Edit(baseline.Parameters, p => p["k"] = 12) },
            baseline with { Parameters = Edit(baseline.Parameters, p => p["lr"] = 0.0010000000000000002) },
            baseline with { Parameters = Edit(baseline.Parameters, p => p["clustering"]!["seed"] = 1) },
            baseline with { Upstream = new Dictionary<string, string> { ["graph/weights@r0"] = UpstreamR1 } },
            baseline with { InputFiles = new Dictionary<string, string>() },
        };
        var keys = variants.Select(v => v.Key).Append(baseline.Key).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Fact]
    public void An_integral_double_and_the_same_integer_give_one_key()
    {
        var a = Fixed() with { Parameters = new JsonObject { ["epochs"] = 20 } };
        var b = Fixed() with { Parameters = new JsonObject { ["epochs"] = 20.0 } };
        Assert.Equal(a.Key, b.Key);
    }

    [Fact]
    public void Differences_name_each_changed_component_for_why()
    {
        var previous = Fixed();
        var current = previous with
        {
            FormatVersion = 2,
            Parameters = Edit(previous.Parameters, p =>
            {
                p["k"] = 12;
                p["clustering"]!["seed"] = 3;
                p.Remove("tiny");
                p["accuracy"] = "balanced";
            }),
            Upstream = new Dictionary<string, string> { ["graph/weights@r0"] = UpstreamR1, ["graph/weights@r1"] = UpstreamR0 },
            InputFiles = new Dictionary<string, string> { ["arch.json"] = UpstreamR1 },
        };
        Assert.Equal(
            new[]
            {
                "format version 1 → 2",
                "parameter accuracy added: \"balanced\"",
                "parameter clustering.seed: 0 → 3",
                "parameter k: 16 → 12",
                "parameter tiny removed (was 1e-7)",
                "upstream graph/weights@r0 changed (3fa2… → 91bc…)",
                "upstream graph/weights@r1 added (3fa2…)",
                "input file arch.json changed (ab12… → 91bc…)",
            },
            current.Differences(previous));
        Assert.Empty(previous.Differences(Fixed()));
    }

    [Fact]
    public void Kinds_that_are_not_safe_folder_names_are_refused()
    {
        foreach (string kind in new[] { "", "Train", "../x", "a/b", "tmp", "locks", "1st" })
            Assert.Throws<ArgumentException>(() => Fixed() with { Kind = kind });
    }

    [Fact]
    public void Malformed_key_input_JSON_is_reported_by_field()
    {
        var json = Fixed().ToJson();
        json["schema"] = "localspec.key/0";
        Assert.Contains("schema", Assert.Throws<InvalidDataException>(() => StageKeyInput.FromJson(json)).Message);
        json = Fixed().ToJson();
        json["upstream"] = new JsonObject { ["x"] = 3 };
        Assert.Contains("\"upstream\".\"x\"", Assert.Throws<InvalidDataException>(() => StageKeyInput.FromJson(json)).Message);
        json = Fixed().ToJson();
        json.Remove("format_version");
        Assert.Contains("format_version", Assert.Throws<InvalidDataException>(() => StageKeyInput.FromJson(json)).Message);
    }

    private static JsonObject Edit(JsonObject parameters, Action<JsonObject> change)
    {
        var copy = (JsonObject)parameters.DeepClone();
        change(copy);
        return copy;
    }
}
