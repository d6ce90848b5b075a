using System.Text;
using LocalSpec.Nn.Safetensors;
using LocalSpec.Numerics;

namespace LocalSpec.Benchmarks;

/// <summary>
/// The two graphs of the spectral benchmark, rebuilt identically in every process (the host
/// writes them as .npy for scikit-learn, BenchmarkDotNet's child processes rebuild them).
/// </summary>
public static class SpectralWorkloads
{
    /// <summary>VGG-CIFAR's conv layers (METHOD.md §1): 4,224 channels.</summary>
    public static readonly int[] VggChannels = [64, 64, 128, 128, 256, 256, 256, 512, 512, 512, 512, 512, 512];

    /// <summary>
    /// The weight graph of the PyTorch-trained mnist10k MLP (tests/LocalSpec.Tests/fixtures/torch):
    /// 784 + 4 × 256 + 10 = 1,818 nodes, |W| blocks between consecutive layers.
    /// </summary>
    public static float[] Mlp(string repoRoot, out int n)
    {
        var file = SafetensorsFile.Read(Path.Combine(repoRoot, "tests", "LocalSpec.Tests", "fixtures", "torch", "mlp_mnist10k.safetensors"));
        var blocks = new List<(float[] W, int Out, int In)>();
        for (int i = 0; file.TryGet($"layers.{i}.weight", out SafetensorsTensor? t); i++)
            blocks.Add((t.ToFloat32(), t.ShapeAsInt32()[0], t.ShapeAsInt32()[1]));
        int[] sizes = [blocks[0].In, .. blocks.Select(b => b.Out)];
        return Banded(sizes, (l, j, i) => Math.Abs(blocks[l].W[j * blocks[l].In + i]), out n);
    }

    /// <summary>
    /// A VGG-like channel graph: edges only between consecutive conv layers, each the L1 norm of
    /// a 3×3 kernel slice of Glorot-scaled Gaussian weights, times a BatchNorm factor |γ|/σ in
    /// [0.5, 1.5) per input channel (METHOD.md §2). Seeded: the same graph every time.
    /// </summary>
    public static float[] Vgg(out int n)
    {
        var rng = new Rng(20261122);
        var factors = VggChannels.Select(c => Enumerable.Range(0, c).Select(_ => 0.5 + rng.NextDouble()).ToArray()).ToArray();
        return Banded(VggChannels, (l, j, i) =>
        {
            double sigma = Math.Sqrt(2.0 / (9 * (VggChannels[l] + VggChannels[l + 1])));
            double sum = 0;
            for (int t = 0; t < 9; t++) sum += Math.Abs(rng.NextGaussian()) * sigma;
            return (float)(sum * factors[l][i]);
        }, out n);
    }

    /// <summary>Adjacency [N, N] with weight(l, j, i) between unit i of layer l and unit j of layer l + 1.</summary>
    private static float[] Banded(int[] sizes, Func<int, int, int, float> weight, out int n)
    {
        n = sizes.Sum();
        var a = new float[n * n];
        int from = 0;
        for (int l = 0; l + 1 < sizes.Length; l++)
        {
            int to = from + sizes[l];
            for (int j = 0; j < sizes[l + 1]; j++)
                for (int i = 0; i < sizes[l]; i++)
                    a[(to + j) * n + from + i] = a[(from + i) * n + to + j] = weight(l, j, i);
            from = to;
        }
        return a;
    }

    /// <summary>Writes adjacency [N, N] as a numpy .npy file (format 1.0, little-endian float32).</summary>
    public static void WriteNpy(string path, float[] a, int n)
    {
        string header = $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({n}, {n}), }}";
        int padded = (10 + header.Length + 1 + 63) / 64 * 64 - 10;
        header = header.PadRight(padded - 1) + "\n";
        using var file = File.Create(path);
        file.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        file.Write(BitConverter.GetBytes((ushort)header.Length));
        file.Write(Encoding.ASCII.GetBytes(header));
        file.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(a.AsSpan()));
    }
}
