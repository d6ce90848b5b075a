using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LocalSpec.Partitioning;

/// <summary>Writes <see cref="PartitionFile"/>'s format: indented objects, number arrays on one line.</summary>
internal static class PartitionJsonWriter
{
    public static byte[] Write(Partition p)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", PartitionFile.Format);
            w.WriteString("scope", PartitionFile.Name(p.Scope));
            w.WriteString("graph_kind", PartitionFile.Name(p.Kind));
            w.WriteNumber("k", p.K);
            w.WriteNumber("seed", p.Seed);
            w.WriteNumber("n_init", p.Restarts);
            w.WriteString("restart_selection", PartitionFile.Name(p.Selection));
            w.WriteNumber("ncut", p.NCut);
            WriteNumbers(w, "eigenvalues", p.Eigenvalues);
            if (p.Network is not null) WriteClustering(w, p.Network);
            w.WriteStartArray("layers");
            foreach (LayerPartition layer in p.Layers) WriteLayer(w, layer);
            w.WriteEndArray();
            w.WriteStartArray("subclusters");
            foreach (Subcluster s in p.Subclusters)
            {
                w.WriteStartObject();
                w.WriteNumber("layer", s.Layer);
                w.WriteNumber("cluster", s.Cluster);
                WriteNumbers(w, "units", s.Units);
                w.WriteBoolean("analysable", s.Analysable);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    private static void WriteLayer(Utf8JsonWriter w, LayerPartition layer)
    {
        w.WriteStartObject();
        w.WriteString("name", layer.Name);
        w.WriteNumber("parameter_layer", layer.ParameterLayer);
        w.WriteString("role", PartitionFile.Name(layer.Role));
        w.WriteNumber("units", layer.Labels.Length);
        w.WriteNumber("k", layer.K);
        WriteNumbers(w, "labels", layer.Labels);
        WriteNumbers(w, "dead", layer.Dead);
        if (layer.Clustering is not null) WriteClustering(w, layer.Clustering);
        w.WriteEndObject();
    }

    private static void WriteClustering(Utf8JsonWriter w, ClusteringSummary c)
    {
        w.WriteStartObject("clustering");
        w.WriteNumber("k", c.RequestedK);
        w.WriteNumber("clusters", c.Clusters);
        w.WriteNumber("nodes", c.Nodes);
        w.WriteNumber("components", c.Components);
        w.WriteNumber("ncut", c.NCut);
        WriteNumbers(w, "eigenvalues", c.Eigenvalues);
        w.WriteNumber("inertia", c.Inertia);
        w.WriteNumber("eigen_residual", c.EigenResidual);
        w.WriteEndObject();
    }

    private static void WriteNumbers(Utf8JsonWriter w, string name, int[] values) =>
        WriteRaw(w, name, values.Select(v => v.ToString(CultureInfo.InvariantCulture)));

    private static void WriteNumbers(Utf8JsonWriter w, string name, double[] values) =>
        WriteRaw(w, name, values.Select(v => double.IsFinite(v)
            ? v.ToString("R", CultureInfo.InvariantCulture)
            : throw new ArgumentException($"{name} holds {v}, which JSON cannot represent")));

    private static void WriteRaw(Utf8JsonWriter w, string name, IEnumerable<string> items)
    {
        w.WritePropertyName(name);
        w.WriteRawValue(Encoding.UTF8.GetBytes("[" + string.Join(", ", items) + "]"));
    }
}
