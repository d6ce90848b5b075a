using LocalSpec.Data;
using LocalSpec.Nn;
using LocalSpec.Numerics;

namespace LocalSpec.Tests.Graphs;

/// <summary>Small hand-built networks for graph tests.</summary>
internal static class GraphTestNetworks
{
    /// <summary>A network of <paramref name="layers"/> on <paramref name="input"/>, Glorot-initialised from <paramref name="seed"/>.</summary>
    public static Network Create(int[] input, int seed, params LayerSpec[] layers) =>
        Network.Create(new ArchitectureSpec(input, layers), new Rng((ulong)seed));

    /// <summary>Overwrites one tensor (its shape is the store's).</summary>
    public static void Set(Network network, string name, params float[] values) =>
        network.Parameters.Write(name, values, network.Parameters[name].Shape.ToArray());

    /// <summary>N images [N, C, H, W] of uniform random pixels with labels 0.</summary>
    public static LabeledImages RandomImages(int n, int c, int h, int w, ulong seed)
    {
        var rng = new Rng(seed);
        var pixels = new float[n * c * h * w];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = rng.NextSingle();
        return new LabeledImages(pixels, new int[n], c, h, w);
    }

    /// <summary>The symmetric N×N matrix with the given upper-triangle entries (i, j, value), zeros elsewhere.</summary>
    public static float[] Symmetric(int n, params (int I, int J, float Value)[] edges)
    {
        var a = new float[n * n];
        foreach (var (i, j, v) in edges)
        {
            a[i * n + j] = v;
            a[j * n + i] = v;
        }
        return a;
    }
}
