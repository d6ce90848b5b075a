using System.Text.Json;
using LocalSpec.Nn.Safetensors;

namespace LocalSpec.Measures;

/// <summary>
/// <c>measurements.json</c>: the measure stage's artifact, written atomically with a fixed key order
/// (proxies sorted by ordinal name), invariant-culture shortest round-trip numbers and one-line unit
/// arrays, so the same measurements always give the same bytes. Format <c>localspec.measurements/1</c>:
/// <code>
/// { "format", "seed", "random_subclusters", "model_sha256", "partition_sha256", "dataset",
///   "lesion": {"accuracy": "overall"|"balanced", "test_examples", "intact_accuracy", "intact_balanced_accuracy"},
///   "featvis": {"steps", "learning_rate", "jitter", "init_std"},
///   "proxies": { "&lt;proxy&gt;": { "higher_is_more_specialized": bool,
///       "subclusters": [{"layer": i of layers.{i}, "cluster", "units": [unit], "true": x, "random": [x, …]}] } },
///   "controls": [{"layer", "cluster", "units", "random_units": [[unit, …], …]}] }
/// </code>
/// Only <c>proxies</c> is required (the stats stage needs nothing else); every other field is
/// optional on reading and checked when present: <c>random[j]</c> of a subcluster belongs to its
/// <c>controls</c> entry's <c>random_units[j]</c>.
/// </summary>
public static class MeasurementsFile
{
    public const string Format = "localspec.measurements/1";

    /// <summary>Writes <paramref name="document"/> to <paramref name="path"/> (replace-by-rename; an unchanged file keeps its timestamp).</summary>
    /// <exception cref="IOException">The file cannot be written; the message names it.</exception>
    /// <exception cref="ArgumentException">A value is not finite (JSON cannot hold it).</exception>
    public static void Save(string path, MeasurementsDocument document)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(document);
        AtomicFile.WriteIfChanged(path, ToBytes(document));
    }

    /// <summary>The exact bytes <see cref="Save"/> writes.</summary>
    public static byte[] ToBytes(MeasurementsDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return MeasurementsJsonWriter.Write(document);
    }

    /// <summary>Reads and checks a measurements file.</summary>
    /// <exception cref="MeasurementException">The file is not valid measurements; the one-line message names the file and field.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static MeasurementsDocument Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: file not found", path);
        return Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>Parses measurements JSON; <paramref name="source"/> names it in error messages.</summary>
    /// <exception cref="MeasurementException">Not valid measurements.</exception>
    public static MeasurementsDocument Parse(ReadOnlyMemory<byte> json, string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            return new MeasurementsJsonReader(source).Read(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new MeasurementException($"{source}: not valid JSON ({e.Message.ReplaceLineEndings(" ")})", e);
        }
    }

    internal static string Name(LesionAccuracy accuracy) => accuracy switch
    {
        LesionAccuracy.Overall => "overall",
        LesionAccuracy.Balanced => "balanced",
        _ => throw new ArgumentOutOfRangeException(nameof(accuracy), accuracy, "unknown lesion accuracy"),
    };
}
