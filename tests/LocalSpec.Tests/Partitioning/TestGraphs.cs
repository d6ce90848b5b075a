using System.Text.Json;
using LocalSpec.Graphs;
using LocalSpec.Numerics;
using LocalSpec.Tests.TestSupport;

namespace LocalSpec.Tests.Partitioning;

/// <summary>Hand-made graphs for the partitioning tests.</summary>
internal static class TestGraphs
{
    /// <summary>
    /// Blocks of the given sizes: weights uniform on [inside.Low, inside.High) within a block and
    /// on [outside.Low, outside.High) between blocks (0 gives a block-diagonal graph). Returns the
    /// adjacency [N, N] and each node's block.
    /// </summary>
    public static (float[] Adjacency, int[] Blocks) Blocks(int[] sizes, (double Low, double High) inside, (double Low, double High) outside, ulong seed)
    {
        int n = sizes.Sum();
        int[] blocks = [.. sizes.SelectMany((s, b) => Enumerable.Repeat(b, s))];
        var rng = new Rng(seed);
        var a = new float[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < i; j++)
            {
                var (low, high) = blocks[i] == blocks[j] ? inside : outside;
                a[i * n + j] = a[j * n + i] = (float)rng.Uniform(low, high);
            }
        return (a, blocks);
    }

    /// <summary>
    /// A neuron graph of the given layers (name, parameter layer, units) over adjacency [N, N]; as in
    /// an MLP weight graph, a layer with parameter layer −1 is the input and then the last is the output.
    /// </summary>
    public static NeuronGraph Neurons(GraphKind kind, (string Name, int ParameterLayer, int Units)[] layers, float[] adjacency, bool[]? dead = null)
    {
        var table = new List<GraphLayer>();
        int offset = 0;
        bool hasInput = layers.Any(l => l.ParameterLayer == -1);
        for (int i = 0; i < layers.Length; i++)
        {
            var (name, parameterLayer, units) = layers[i];
            var role = parameterLayer == -1 ? GraphLayerRole.Input
                : hasInput && i == layers.Length - 1 ? GraphLayerRole.Output
                : GraphLayerRole.Hidden;
            table.Add(new GraphLayer(name, parameterLayer, units, offset) { Role = role });
            offset += units;
        }
        return new NeuronGraph(kind, table, adjacency, dead ?? new bool[offset]);
    }

    /// <summary>
    /// A layered weight graph (edges only between consecutive layers, uniform on [0.01, 0.1))
    /// with the units of each layer split into <paramref name="groups"/> interleaved groups
    /// (unit u in group u mod groups) and strong edges (uniform on [1, 2)) between the same group
    /// of consecutive layers: an MLP whose weights form <paramref name="groups"/> pathways.
    /// </summary>
    public static float[] Pathways(int[] sizes, int groups, ulong seed)
    {
        int n = sizes.Sum();
        var a = new float[n * n];
        var rng = new Rng(seed);
        int offset = 0;
        for (int l = 0; l + 1 < sizes.Length; l++)
        {
            int next = offset + sizes[l];
            for (int i = 0; i < sizes[l]; i++)
                for (int j = 0; j < sizes[l + 1]; j++)
                {
                    float w = (float)(i % groups == j % groups ? rng.Uniform(1, 2) : rng.Uniform(0.01, 0.1));
                    a[(offset + i) * n + next + j] = a[(next + j) * n + offset + i] = w;
                }
            offset = next;
        }
        return a;
    }

    /// <summary>True when two labelings are the same partition (labels equal up to a permutation).</summary>
    public static bool SamePartition(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        if (a.Count != b.Count) return false;
        var forward = new Dictionary<int, int>();
        var backward = new Dictionary<int, int>();
        for (int i = 0; i < a.Count; i++)
        {
            if (forward.TryGetValue(a[i], out int x) && x != b[i]) return false;
            if (backward.TryGetValue(b[i], out int y) && y != a[i]) return false;
            forward[a[i]] = b[i];
            backward[b[i]] = a[i];
        }
        return true;
    }

    /// <summary>The committed scikit-learn reference values (tools/reference/sklearn_fixtures.py).</summary>
    public static JsonElement SklearnSmall => s_small.Value.RootElement;

    private static readonly Lazy<JsonDocument> s_small = new(() =>
        JsonDocument.Parse(File.ReadAllBytes(RepoPaths.Fixture("partitioning", "sklearn_small.json"))));

    public static double[] Doubles(this JsonElement e) => [.. e.EnumerateArray().Select(v => v.GetDouble())];

    public static float[] Floats(this JsonElement e) => [.. e.EnumerateArray().Select(v => (float)v.GetDouble())];

    public static int[] Ints(this JsonElement e) => [.. e.EnumerateArray().Select(v => v.GetInt32())];
}
