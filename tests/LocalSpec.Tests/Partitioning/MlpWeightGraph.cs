using LocalSpec.Graphs;
using LocalSpec.Nn.Safetensors;

namespace LocalSpec.Tests.Partitioning;

/// <summary>
/// The MLP weight graph of METHOD.md §2 built straight from a weights file, as
/// tools/reference/sklearn_ncut.py builds it: every unit a node (inputs and outputs included),
/// edge |W[j, i]| between unit i of one layer and unit j of the next.
/// </summary>
internal static class MlpWeightGraph
{
    public static NeuronGraph Build(string safetensorsPath)
    {
        var file = SafetensorsFile.Read(safetensorsPath);
        var weights = new List<(float[] W, int Out, int In)>();
        for (int i = 0; file.TryGet($"layers.{i}.weight", out SafetensorsTensor? t); i++)
        {
            int[] shape = t.ShapeAsInt32();
            weights.Add((t.ToFloat32(), shape[0], shape[1]));
        }
        var layers = new List<GraphLayer> { new("input", -1, weights[0].In, 0) { Role = GraphLayerRole.Input } };
        for (int i = 0; i < weights.Count; i++)
            layers.Add(new GraphLayer($"layers.{i}", i, weights[i].Out, layers[^1].Offset + layers[^1].Units)
            {
                Role = i == weights.Count - 1 ? GraphLayerRole.Output : GraphLayerRole.Hidden,
            });
        int n = layers[^1].Offset + layers[^1].Units;
        var a = new float[n * n];
        for (int l = 0; l < weights.Count; l++)
        {
            var (w, outputs, inputs) = weights[l];
            int from = layers[l].Offset, to = layers[l + 1].Offset;
            for (int j = 0; j < outputs; j++)
                for (int i = 0; i < inputs; i++)
                    a[(to + j) * n + from + i] = a[(from + i) * n + to + j] = Math.Abs(w[j * inputs + i]);
        }
        return new NeuronGraph(GraphKind.Weights, layers, a, new bool[n]);
    }
}
