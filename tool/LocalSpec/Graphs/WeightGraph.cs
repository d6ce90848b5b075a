using LocalSpec.Nn;

namespace LocalSpec.Graphs;

/// <summary>
/// The weight graph of a network (METHOD.md §2, "Weights"); no data needed. MLP: nodes are the
/// input features and every dense unit (the mlp preset: 784 + 4·256 + 10 = 1818), edge (i of layer
/// l, j of layer l + 1) = |W_{l+1}[j, i]|. CNN: nodes are the channels of every conv layer (vgg-cifar:
/// 4,224), edge (i of conv l, j of conv l + 1) = the <see cref="KernelNorm"/> of K_{l+1}[j, i, :, :].
/// Either way every edge leaving unit i is multiplied by |γ_i| / sqrt(σ²_i + ε) for each BatchNorm
/// in between (running statistics); biases never enter, there are no self-loops, and no unit is
/// marked dead (that needs data). Supported networks: see <see cref="GraphTopology"/>.
/// </summary>
public static class WeightGraph
{
    /// <exception cref="ArchitectureException">The network's layers cannot be read as a graph (the message says why).</exception>
    /// <exception cref="ModelFileException">A weight or BatchNorm statistic is not finite, or σ² + ε is not positive.</exception>
    public static NeuronGraph Build(Network network, WeightGraphOptions? options = null)
    {
        options ??= new WeightGraphOptions();
        var topology = GraphTopology.ForWeights(network);
        var layers = topology.GraphLayers();
        int n = topology.NodeCount;
        var adjacency = new float[(long)n * n];
        for (int l = 0; l < topology.Links.Count; l++)
        {
            var link = topology.Links[l];
            var module = network.Layers[link.Module];
            CheckScale(link, layers[l]);
            if (module is Conv2d conv)
                ConvEdges(network.Parameters, conv, link.SourceScale, options.KernelNorm, layers[l], layers[l + 1], adjacency, n);
            else
                DenseEdges(network.Parameters, (Dense)module, link.SourceScale, layers[l], layers[l + 1], adjacency, n);
        }
        return new NeuronGraph(GraphKind.Weights, layers, adjacency, new bool[n]);
    }

    // W [J, I] (PyTorch [out, in]) → A[I-block, J-block] = A[J-block, I-block]ᵀ = |W|ᵀ · diag(s)
    private static void DenseEdges(ParameterStore store, Dense dense, double[]? scale, GraphLayer from, GraphLayer to, float[] a, int n)
    {
        var w = store.Span(dense.Weight);
        int units = from.Units;
        for (int j = 0; j < to.Units; j++)
        {
            for (int i = 0; i < units; i++)
            {
                float wji = w[j * units + i];
                CheckFinite(wji, dense.Weight.Name, j * units + i);
                float edge = scale is null ? Math.Abs(wji) : (float)(Math.Abs((double)wji) * scale[i]);
                Set(a, n, from.Offset + i, to.Offset + j, edge);
            }
        }
    }

    // K [J, I, kh, kw] → edge (i, j) = s_i · ‖K[j, i]‖, the slice norm in double
    private static void ConvEdges(ParameterStore store, Conv2d conv, double[]? scale, KernelNorm norm,
        GraphLayer from, GraphLayer to, float[] a, int n)
    {
        var k = store.Span(conv.Weight);
        int kh = conv.Weight.Shape[2], kw = conv.Weight.Shape[3], slice = kh * kw;
        for (int j = 0; j < to.Units; j++)
        {
            for (int i = 0; i < from.Units; i++)
            {
                int start = (j * from.Units + i) * slice;
                var values = k.Slice(start, slice);
                for (int t = 0; t < slice; t++) CheckFinite(values[t], conv.Weight.Name, start + t);
                double edge = SliceNorm(values, kh, kw, norm) * (scale?[i] ?? 1.0);
                Set(a, n, from.Offset + i, to.Offset + j, (float)edge);
            }
        }
    }

    /// <summary>‖M‖ of one kernel slice M [kh, kw]: entry-wise L1, or the induced 1-norm max_c Σ_r |M[r, c]|.</summary>
    internal static double SliceNorm(ReadOnlySpan<float> m, int kh, int kw, KernelNorm norm)
    {
        if (norm == KernelNorm.L1)
        {
            double sum = 0;
            foreach (float v in m) sum += Math.Abs((double)v);
            return sum;
        }
        double best = 0;
        for (int c = 0; c < kw; c++)
        {
            double column = 0;
            for (int r = 0; r < kh; r++) column += Math.Abs((double)m[r * kw + c]);
            best = Math.Max(best, column);
        }
        return best;
    }

    private static void Set(float[] a, int n, int p, int q, float value)
    {
        a[(long)p * n + q] = value;
        a[(long)q * n + p] = value;
    }

    private static void CheckScale(NodeLink link, GraphLayer from)
    {
        if (link.SourceScale is not { } scale) return;
        for (int i = 0; i < scale.Length; i++)
        {
            if (!double.IsFinite(scale[i]))
                throw new ModelFileException(
                    $"weight graph: the BatchNorm scale |γ|/sqrt(σ² + ε) of unit {i} of {from.Name} is not finite (a running_var below −ε, or a non-finite γ or σ²)");
        }
    }

    private static void CheckFinite(float value, string tensor, int index)
    {
        if (!float.IsFinite(value))
            throw new ModelFileException($"weight graph: {tensor} has a non-finite value ({value}) at flat index {index}");
    }
}
