using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using LocalSpec.Pipeline;

namespace LocalSpec.Tests.Pipeline;

/// <summary>
/// Writes a manifest back as YAML (test-only, for the round-trip property): every field explicit,
/// text double-quoted with JSON escapes (valid YAML), numbers plain in the invariant culture.
/// </summary>
internal static class ManifestYamlWriter
{
    private static readonly JsonSerializerOptions Quoting = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(Manifest m)
    {
        var y = new StringBuilder();
        y.Append($"name: {Q(m.Name)}\n");
        y.Append($"label: {Q(m.Label)}\n");
        if (m.Paper is not null) y.Append($"paper: {Q(m.Paper)}\n");
        y.Append($"sets: {List(m.Sets.Select(Q))}\n");
        y.Append($"dataset: {Q(m.Dataset)}\n");
        y.Append($"network:\n  arch: {Q(m.Network.Arch)}\n");
        if (m.TrainsModels)
        {
            TrainingSection t = m.Training;
            y.Append($"training: {{ epochs: {N(t.Epochs)}, batch_size: {N(t.BatchSize)}, lr: {N(t.Lr)}, replicates: {N(t.Replicates)}, seed: {N(t.Seed)} }}\n");
        }
        else
        {
            y.Append("models:\n");
            foreach (string model in m.Models) y.Append($"  - {Q(model)}\n");
        }
        y.Append($"graphs: {List(m.Graphs.Select(ManifestFields.ChoiceName))}\n");
        y.Append($"graph: {{ kernel_norm: {ManifestFields.ChoiceName(m.Graph.KernelNorm)}, activation_samples: {N(m.Graph.ActivationSamples)}, seed: {N(m.Graph.Seed)} }}\n");
        y.Append($"scopes: {List(m.Scopes.Select(ManifestFields.ChoiceName))}\n");
        y.Append(m.K.Count == 1 ? $"k: {N(m.K[0])}\n" : $"k: {List(m.K.Select(k => N(k)))}\n");
        y.Append($"clustering:\n  n_init: {N(m.Clustering.NInit)}\n  select: {ManifestFields.ChoiceName(m.Clustering.Select)}\n  seed: {N(m.Clustering.Seed)}\n");
        MeasuresSection s = m.Measures;
        y.Append("measures:\n");
        y.Append($"  proxies: {List(s.Proxies)}\n");
        y.Append($"  random_subclusters: {N(s.RandomSubclusters)}\n");
        y.Append($"  accuracy: {ManifestFields.ChoiceName(s.Accuracy)}\n");
        y.Append($"  seed: {N(s.Seed)}\n");
        y.Append($"  featvis: {{ steps: {N(s.FeatureVis.Steps)}, lr: {N(s.FeatureVis.Lr)}, jitter: {N(s.FeatureVis.Jitter)} }}\n");
        return y.ToString();
    }

    private static string Q(string text) => JsonSerializer.Serialize(text, Quoting);

    private static string N(IFormattable number) => number is double d
        ? d.ToString("R", CultureInfo.InvariantCulture)
        : number.ToString(null, CultureInfo.InvariantCulture);

    private static string List(IEnumerable<string> items) => $"[{string.Join(", ", items)}]";
}
