using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LocalSpec.Measures;

/// <summary>Writes <see cref="MeasurementsFile"/>'s format: indented objects, number arrays on one line.</summary>
internal static class MeasurementsJsonWriter
{
    public static byte[] Write(MeasurementsDocument d)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", MeasurementsFile.Format);
            if (d.Seed is ulong seed) w.WriteNumber("seed", seed);
            if (d.RandomSubclusters is int count) w.WriteNumber("random_subclusters", count);
            if (d.Sources?.ModelSha256 is { } model) w.WriteString("model_sha256", model);
            if (d.Sources?.PartitionSha256 is { } partition) w.WriteString("partition_sha256", partition);
            if (d.Sources?.Dataset is { } dataset) w.WriteString("dataset", dataset);
            if (d.Lesion is { } lesion) WriteLesion(w, lesion);
            if (d.FeatureVis is { } featvis) WriteFeatureVis(w, featvis);
            w.WriteStartObject("proxies");
            foreach (var (name, proxy) in d.Proxies.OrderBy(p => p.Key, StringComparer.Ordinal))
                WriteProxy(w, name, proxy ?? throw new ArgumentException($"proxies.{name} is null"));
            w.WriteEndObject();
            if (d.Controls is { } controls)
            {
                w.WriteStartArray("controls");
                for (int i = 0; i < controls.Count; i++) WriteControls(w, controls[i], $"controls[{i}]");
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    private static void WriteLesion(Utf8JsonWriter w, LesionBaseline lesion)
    {
        w.WriteStartObject("lesion");
        w.WriteString("accuracy", MeasurementsFile.Name(lesion.Accuracy));
        w.WriteNumber("test_examples", lesion.TestExamples);
        WriteNumber(w, "intact_accuracy", lesion.IntactAccuracy, "lesion");
        WriteNumber(w, "intact_balanced_accuracy", lesion.IntactBalancedAccuracy, "lesion");
        w.WriteEndObject();
    }

    private static void WriteFeatureVis(Utf8JsonWriter w, FeatureVisOptions featvis)
    {
        w.WriteStartObject("featvis");
        w.WriteNumber("steps", featvis.Steps);
        WriteNumber(w, "learning_rate", featvis.LearningRate, "featvis");
        w.WriteNumber("jitter", featvis.Jitter);
        WriteNumber(w, "init_std", featvis.InitStd, "featvis");
        w.WriteEndObject();
    }

    private static void WriteProxy(Utf8JsonWriter w, string name, ProxyMeasurements proxy)
    {
        w.WriteStartObject(name);
        w.WriteBoolean("higher_is_more_specialized", proxy.HigherIsMoreSpecialized);
        w.WriteStartArray("subclusters");
        for (int i = 0; i < proxy.Subclusters.Count; i++)
        {
            string at = $"proxies.{name}.subclusters[{i}]";
            var s = proxy.Subclusters[i] ?? throw new ArgumentException($"{at} is null");
            w.WriteStartObject();
            w.WriteNumber("layer", s.Layer);
            w.WriteNumber("cluster", s.Cluster);
            WriteRaw(w, "units", Ints(s.Units));
            WriteNumber(w, "true", s.True, at);
            WriteRaw(w, "random", "[" + string.Join(", ", s.Random.Select((v, j) => Number(v, $"{at}.random[{j}]"))) + "]");
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteControls(Utf8JsonWriter w, SubclusterControls c, string at)
    {
        if (c is null) throw new ArgumentException($"{at} is null");
        w.WriteStartObject();
        w.WriteNumber("layer", c.Layer);
        w.WriteNumber("cluster", c.Cluster);
        WriteRaw(w, "units", Ints(c.Units));
        // one random set per line (the writer puts raw array items on one line): "controls" items sit at depth 2, their fields at 3
        WriteRaw(w, "random_units", c.RandomUnits.Length == 0 ? "[]"
            : "[\n" + string.Join(",\n", c.RandomUnits.Select(set => "        " + Ints(set))) + "\n      ]");
        w.WriteEndObject();
    }

    private static string Ints(int[] values) => "[" + string.Join(", ", values.Select(v => v.ToString(CultureInfo.InvariantCulture))) + "]";

    private static void WriteNumber(Utf8JsonWriter w, string name, double value, string at) =>
        WriteRaw(w, name, Number(value, $"{at}.{name}"));

    /// <summary>Shortest round-trip form with a lower-case exponent ("1e-05"), independent of culture.</summary>
    private static string Number(double value, string at) => double.IsFinite(value)
        ? value.ToString("R", CultureInfo.InvariantCulture).ToLowerInvariant()
        : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{at} is {value}, which JSON cannot represent"));

    private static void WriteRaw(Utf8JsonWriter w, string name, string json)
    {
        w.WritePropertyName(name);
        w.WriteRawValue(Encoding.UTF8.GetBytes(json));
    }
}
