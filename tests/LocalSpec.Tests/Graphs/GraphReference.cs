using System.Text.Json;
using LocalSpec.Graphs;
using LocalSpec.Tests.TestSupport;

namespace LocalSpec.Tests.Graphs;

/// <summary>
/// The numpy/scipy/torch reference graphs of fixtures/graphs (tools/reference/graph_references.py;
/// the README there says what each holds) and the comparisons the tests make against them.
/// </summary>
internal sealed class GraphReference
{
    private GraphReference(JsonElement root) => Root = root;

    public JsonElement Root { get; }

    public static GraphReference Load(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepoPaths.Fixture("graphs", name)));
        return new GraphReference(document.RootElement.Clone());
    }

    public double[] Doubles(string name) => Root.GetProperty(name).EnumerateArray().Select(e => e.GetDouble()).ToArray();

    public int[] Ints(string name) => Root.GetProperty(name).EnumerateArray().Select(e => e.GetInt32()).ToArray();

    public bool[] Bools(string name) => Root.GetProperty(name).EnumerateArray().Select(e => e.GetBoolean()).ToArray();

    public double[][] Matrix(string name) =>
        Root.GetProperty(name).EnumerateArray().Select(row => row.EnumerateArray().Select(e => e.GetDouble()).ToArray()).ToArray();

    /// <summary>A {"shape", "data"} tensor as float32 (fixture_json writes float32 values exactly).</summary>
    public float[] Tensor(string name) =>
        Root.GetProperty(name).GetProperty("data").EnumerateArray().Select(e => (float)e.GetDouble()).ToArray();

    public (int I, int J, double Value)[] Samples() =>
        Root.GetProperty("samples").EnumerateArray()
            .Select(s => (s[0].GetInt32(), s[1].GetInt32(), s[2].GetDouble())).ToArray();

    /// <summary>Row sums of the adjacency, in double.</summary>
    public static double[] Degrees(NeuronGraph graph)
    {
        int n = graph.NodeCount;
        return Enumerable.Range(0, n).Select(i =>
        {
            double sum = 0;
            foreach (float v in graph.Adjacency.AsSpan(i * n, n)) sum += v;
            return sum;
        }).ToArray();
    }

    /// <summary>[L, L] sums of the layer blocks, in double.</summary>
    public static double[][] BlockSums(NeuronGraph graph) =>
        graph.Layers.Select(p => graph.Layers.Select(q =>
        {
            double sum = 0;
            for (int i = p.Offset; i < p.End; i++)
                for (int j = q.Offset; j < q.End; j++) sum += graph[i, j];
            return sum;
        }).ToArray()).ToArray();

    /// <summary>|actual − expected| ≤ relative · |expected| + absolute for every entry (names the worst).</summary>
    public static void AssertClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double relative, double absolute, string what)
    {
        Assert.Equal(expected.Count, actual.Count);
        double worst = 0;
        int at = -1;
        for (int i = 0; i < expected.Count; i++)
        {
            double excess = Math.Abs(actual[i] - expected[i]) - (relative * Math.Abs(expected[i]) + absolute);
            if (excess > worst || double.IsNaN(actual[i])) (worst, at) = (double.IsNaN(actual[i]) ? double.PositiveInfinity : excess, i);
        }
        Assert.True(at < 0, at < 0 ? "" : $"{what}[{at}]: {actual[at]:R}, expected {expected[at]:R} (tolerance {relative:g} relative + {absolute:g})");
    }
}
