using System.Text.Json;
using LocalSpec.Nn;
using LocalSpec.Tests.TestSupport;

namespace LocalSpec.Tests.Nn;

/// <summary>Reads the PyTorch reference fixtures of fixtures/torch (made by tools/reference/make_engine_fixtures.py).</summary>
internal sealed class TorchFixture : IDisposable
{
    private readonly JsonDocument _document;

    public TorchFixture(string name)
    {
        _document = JsonDocument.Parse(File.ReadAllText(RepoPaths.Fixture("torch", name + ".json")));
        Root = _document.RootElement;
    }

    public JsonElement Root { get; }

    public ArchitectureSpec Architecture => ArchitectureSpec.Parse(Root.GetProperty("arch").GetRawText());

    public Tensor Inputs => ReadTensor(Root.GetProperty("inputs"));

    public int[] Labels => Root.GetProperty("labels").EnumerateArray().Select(e => e.GetInt32()).ToArray();

    public JsonElement Case(string name) => Root.GetProperty("cases").GetProperty(name);

    /// <summary>A network built from the fixture's arch with the fixture's starting parameters and buffers.</summary>
    public Network BuildNetwork()
    {
        var network = Network.Create(Architecture, new LocalSpec.Numerics.Rng(0));
        foreach (var p in Root.GetProperty("params").EnumerateObject())
        {
            var t = ReadTensor(p.Value);
            network.Parameters.Write(p.Name, t.Data, t.Shape);
        }
        return network;
    }

    public static Tensor ReadTensor(JsonElement e)
    {
        int[] shape = e.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray();
        float[] data = e.GetProperty("data").EnumerateArray().Select(d => (float)d.GetDouble()).ToArray();
        return new Tensor(data, shape);
    }

    /// <summary>
    /// |a − b| ≤ tolerance · max|b| over the tensor (the fixture README explains why per tensor:
    /// tiny entries differ by more than 1e-4 relative even between PyTorch's float32 and float64).
    /// </summary>
    public static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what, double tolerance = 1e-4)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: {actual.Length} values, expected {expected.Length}");
        double scale = 0, worst = 0;
        int at = -1;
        for (int i = 0; i < expected.Length; i++) scale = Math.Max(scale, Math.Abs(expected[i]));
        for (int i = 0; i < expected.Length; i++)
        {
            double d = Math.Abs((double)expected[i] - actual[i]);
            if (d > worst) (worst, at) = (d, i);
        }
        Assert.True(worst <= tolerance * Math.Max(scale, 1e-30),
            $"{what}: worst |Δ| {worst:G4} at [{at}] exceeds {tolerance} × max|b| = {tolerance * scale:G4}");
    }

    public void Dispose() => _document.Dispose();
}
