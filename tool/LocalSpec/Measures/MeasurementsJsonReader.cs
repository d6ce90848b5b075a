using System.Text.Json;

namespace LocalSpec.Measures;

/// <summary>Reads <see cref="MeasurementsFile"/>'s format, naming the file and field of the first problem.</summary>
internal sealed class MeasurementsJsonReader(string source)
{
    public MeasurementsDocument Read(JsonElement root)
    {
        Expect(root, JsonValueKind.Object, "the top level");
        if (root.TryGetProperty("format", out _))
        {
            string format = String(root, "format");
            if (format != MeasurementsFile.Format) throw Fail("format", $"is '{format}', expected '{MeasurementsFile.Format}'");
        }
        ulong? seed = Optional(root, "seed", v => v.ValueKind == JsonValueKind.Number && v.TryGetUInt64(out ulong x) ? x : throw Fail("seed", "is not an integer in 0..2⁶⁴−1"));
        int? count = Optional(root, "random_subclusters", _ => Int(root, "random_subclusters", 1));
        string? model = Optional(root, "model_sha256", _ => Sha256(root, "model_sha256"));
        string? partition = Optional(root, "partition_sha256", _ => Sha256(root, "partition_sha256"));
        string? dataset = Optional(root, "dataset", _ => String(root, "dataset"));
        var lesion = Optional(root, "lesion", Lesion);
        var featvis = Optional(root, "featvis", FeatureVis);
        var proxies = Proxies(Get(root, "proxies", v => v), count);
        var controls = Optional(root, "controls", v => Controls(v, count));
        if (controls is not null) CheckControls(proxies, controls);
        return new MeasurementsDocument(proxies)
        {
            Seed = seed,
            RandomSubclusters = count,
            Sources = model is null && partition is null && dataset is null ? null : new MeasurementSources(model, partition, dataset),
            Lesion = lesion,
            FeatureVis = featvis,
            Controls = controls,
        };
    }

    private LesionBaseline Lesion(JsonElement e)
    {
        const string at = "lesion";
        Expect(e, JsonValueKind.Object, at);
        var accuracy = String(e, "accuracy", at) switch
        {
            "overall" => LesionAccuracy.Overall,
            "balanced" => LesionAccuracy.Balanced,
            var other => throw Fail($"{at}.accuracy", $"is '{other}', expected one of overall, balanced"),
        };
        return new LesionBaseline(accuracy, Int(e, "test_examples", 1, at), Fraction(e, "intact_accuracy", at), Fraction(e, "intact_balanced_accuracy", at));
    }

    private FeatureVisOptions FeatureVis(JsonElement e)
    {
        const string at = "featvis";
        Expect(e, JsonValueKind.Object, at);
        var options = new FeatureVisOptions
        {
            Steps = Int(e, "steps", 1, at),
            LearningRate = Double(e, "learning_rate", at),
            Jitter = Int(e, "jitter", 0, at),
            InitStd = Double(e, "init_std", at),
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException x)
        {
            throw new MeasurementException($"{source}: field '{at}' {x.Message}", x);
        }
        return options;
    }

    private SortedDictionary<string, ProxyMeasurements> Proxies(JsonElement e, int? count)
    {
        Expect(e, JsonValueKind.Object, "proxies");
        var proxies = new SortedDictionary<string, ProxyMeasurements>(StringComparer.Ordinal);
        foreach (var property in e.EnumerateObject())
        {
            string at = $"proxies.{property.Name}";
            if (proxies.ContainsKey(property.Name)) throw Fail(at, "appears more than once");
            Expect(property.Value, JsonValueKind.Object, at);
            bool higher = Bool(property.Value, "higher_is_more_specialized", at);
            if (MeasureProxies.TryParse(property.Name, out var known) && MeasureProxies.HigherIsMoreSpecialized(known) != higher)
                throw Fail($"{at}.higher_is_more_specialized", $"must be {(higher ? "false" : "true")} for {property.Name}");
            var subclusters = Array(property.Value, "subclusters", at).Select((s, i) => Subcluster(s, $"{at}.subclusters[{i}]", count)).ToArray();
            CheckDistinct(subclusters.Select(s => (s.Layer, s.Cluster)), $"{at}.subclusters");
            proxies.Add(property.Name, new ProxyMeasurements(higher, subclusters));
        }
        return proxies;
    }

    private SubclusterMeasurement Subcluster(JsonElement e, string at, int? count)
    {
        Expect(e, JsonValueKind.Object, at);
        int[] units = Units(e, "units", at);
        double value = Double(e, "true", at);
        double[] random = [.. Array(e, "random", at).Select((v, j) =>
            v.ValueKind == JsonValueKind.Number ? v.GetDouble() : throw Fail($"{at}.random[{j}]", "is not a number"))];
        if (random.Length == 0) throw Fail($"{at}.random", "is empty (a subcluster needs at least one random control)");
        if (count is int n && random.Length != n) throw Fail($"{at}.random", $"has {random.Length} values but random_subclusters is {n}");
        return new SubclusterMeasurement(Int(e, "layer", 0, at), Int(e, "cluster", 0, at), units, value, random);
    }

    private SubclusterControls[] Controls(JsonElement e, int? count)
    {
        Expect(e, JsonValueKind.Array, "controls");
        var controls = e.EnumerateArray().Select((c, i) =>
        {
            string at = $"controls[{i}]";
            Expect(c, JsonValueKind.Object, at);
            int[] units = Units(c, "units", at);
            int[][] random = [.. Array(c, "random_units", at).Select((set, j) => UnitArray(set, $"{at}.random_units[{j}]"))];
            for (int j = 0; j < random.Length; j++)
                if (random[j].Length != units.Length) throw Fail($"{at}.random_units[{j}]", $"has {random[j].Length} units but the subcluster has {units.Length}");
            if (count is int n && random.Length != n) throw Fail($"{at}.random_units", $"has {random.Length} sets but random_subclusters is {n}");
            return new SubclusterControls(Int(c, "layer", 0, at), Int(c, "cluster", 0, at), units, random);
        }).ToArray();
        CheckDistinct(controls.Select(c => (c.Layer, c.Cluster)), "controls");
        return controls;
    }

    /// <summary>Every proxy's subcluster has its controls entry, with the same units and one random set per random value.</summary>
    private void CheckControls(SortedDictionary<string, ProxyMeasurements> proxies, SubclusterControls[] controls)
    {
        var byKey = controls.ToDictionary(c => (c.Layer, c.Cluster));
        foreach (var (name, proxy) in proxies)
        {
            for (int i = 0; i < proxy.Subclusters.Count; i++)
            {
                var s = proxy.Subclusters[i];
                string at = $"proxies.{name}.subclusters[{i}]";
                if (!byKey.TryGetValue((s.Layer, s.Cluster), out var c))
                    throw Fail(at, $"(layer {s.Layer}, cluster {s.Cluster}) has no entry in controls");
                if (!c.Units.AsSpan().SequenceEqual(s.Units)) throw Fail($"{at}.units", $"differ from the units of its controls entry");
                if (c.RandomUnits.Length != s.Random.Length)
                    throw Fail($"{at}.random", $"has {s.Random.Length} values but its controls entry has {c.RandomUnits.Length} random sets");
            }
        }
    }

    private void CheckDistinct(IEnumerable<(int Layer, int Cluster)> keys, string at)
    {
        var seen = new HashSet<(int, int)>();
        foreach (var key in keys)
            if (!seen.Add(key)) throw Fail(at, $"names (layer {key.Layer}, cluster {key.Cluster}) more than once");
    }

    private int[] Units(JsonElement e, string name, string at)
    {
        int[] units = UnitArray(Get(e, name, v => v, at), $"{at}.{name}");
        if (units.Length == 0) throw Fail($"{at}.{name}", "is empty");
        return units;
    }

    /// <summary>Distinct non-negative unit indices.</summary>
    private int[] UnitArray(JsonElement e, string at)
    {
        if (e.ValueKind != JsonValueKind.Array) throw Fail(at, "is not an array");
        int[] units = [.. e.EnumerateArray().Select(v =>
            v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int x) && x >= 0 ? x : throw Fail(at, "holds a value that is not a unit index (an integer ≥ 0)"))];
        if (units.Distinct().Count() != units.Length) throw Fail(at, "names a unit twice");
        return units;
    }

    private T Get<T>(JsonElement e, string name, Func<JsonElement, T> read, string? at = null)
    {
        if (!e.TryGetProperty(name, out JsonElement v)) throw Fail(Path(at, name), "is missing");
        return read(v);
    }

    private static T? Optional<T>(JsonElement e, string name, Func<JsonElement, T> read) where T : notnull =>
        e.TryGetProperty(name, out JsonElement v) && v.ValueKind != JsonValueKind.Null ? read(v) : default;

    private static int? Optional(JsonElement e, string name, Func<JsonElement, int> read) =>
        e.TryGetProperty(name, out JsonElement v) && v.ValueKind != JsonValueKind.Null ? read(v) : null;

    private static ulong? Optional(JsonElement e, string name, Func<JsonElement, ulong> read) =>
        e.TryGetProperty(name, out JsonElement v) && v.ValueKind != JsonValueKind.Null ? read(v) : null;

    private int Int(JsonElement e, string name, int minimum, string? at = null) => Get(e, name, v =>
        v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int x) && x >= minimum ? x : throw Fail(Path(at, name), $"is not an integer ≥ {minimum}"), at);

    private double Double(JsonElement e, string name, string? at = null) => Get(e, name, v =>
        v.ValueKind == JsonValueKind.Number ? v.GetDouble() : throw Fail(Path(at, name), "is not a number"), at);

    private double Fraction(JsonElement e, string name, string at)
    {
        double x = Double(e, name, at);
        return x is >= 0 and <= 1 ? x : throw Fail(Path(at, name), "is not a number in [0, 1]");
    }

    private bool Bool(JsonElement e, string name, string? at = null) => Get(e, name, v =>
        v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : throw Fail(Path(at, name), "is not true or false"), at);

    private string String(JsonElement e, string name, string? at = null) => Get(e, name, v =>
        v.ValueKind == JsonValueKind.String ? v.GetString()! : throw Fail(Path(at, name), "is not a string"), at);

    private string Sha256(JsonElement e, string name)
    {
        string hex = String(e, name);
        return hex.Length == 64 && hex.All(char.IsAsciiHexDigitLower) ? hex : throw Fail(name, "is not a SHA-256 (64 lower-case hex digits)");
    }

    private JsonElement[] Array(JsonElement e, string name, string? at = null) => Get(e, name, v =>
        v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().ToArray() : throw Fail(Path(at, name), "is not an array"), at);

    private void Expect(JsonElement e, JsonValueKind kind, string at)
    {
        if (e.ValueKind != kind) throw new MeasurementException($"{source}: {at} is not a JSON {kind.ToString().ToLowerInvariant()}");
    }

    private static string Path(string? at, string name) => at is null ? name : $"{at}.{name}";

    private MeasurementException Fail(string field, string problem) => new($"{source}: field '{field}' {problem}");
}
