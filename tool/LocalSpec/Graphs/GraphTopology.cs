using LocalSpec.Nn;

namespace LocalSpec.Graphs;

/// <summary>
/// Which units of a network are graph nodes, and for weight graphs how consecutive node layers are
/// wired (METHOD.md §2). A network with a conv2d layer is a CNN: its nodes are the channels of every
/// conv layer, joined by relu, maxpool2d, batchnorm and dropout (the only shape-preserving modules
/// that can sit between two convs); whatever precedes the first conv or follows the last is left
/// out. Any other network is an MLP: its nodes are the input features of the first dense layer and
/// the units of every dense layer, joined by relu, dropout, batchnorm and flatten.
/// </summary>
internal sealed class GraphTopology
{
    private GraphTopology(List<NodeLayer> layers, List<NodeLink> links, bool convolutional)
    {
        Layers = layers;
        Links = links;
        Convolutional = convolutional;
    }

    public IReadOnlyList<NodeLayer> Layers { get; }

    /// <summary>Links[l] joins Layers[l] to Layers[l + 1] (weight graphs only; empty for activation graphs).</summary>
    public IReadOnlyList<NodeLink> Links { get; }

    public bool Convolutional { get; }

    public int NodeCount => Layers.Sum(l => l.Units);

    /// <summary>The graph's layer table: nodes layer by layer, forward.</summary>
    public IReadOnlyList<GraphLayer> GraphLayers()
    {
        var result = new GraphLayer[Layers.Count];
        int offset = 0;
        for (int l = 0; l < Layers.Count; l++)
        {
            var layer = Layers[l];
            result[l] = new GraphLayer(layer.Name, layer.ParameterLayer, layer.Units, offset) { Role = layer.Role };
            offset += layer.Units;
        }
        return result;
    }

    /// <summary>Weight-graph nodes: every conv channel (CNN), or input features and every dense unit (MLP).</summary>
    /// <exception cref="ArchitectureException">The network has no dense or conv layer, or a module the graph cannot see through.</exception>
    public static GraphTopology ForWeights(Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        bool conv = IsConvolutional(network);
        var modules = NodeModules(network, conv);
        if (modules.Count == 0)
            throw new ArchitectureException("weight graph: the network has neither conv2d nor dense layers, so it has no weights to make edges of");
        var layers = new List<NodeLayer>();
        if (!conv)
        {
            CheckTransparent(network, 0, modules[0], conv);
            var first = network.Layers[modules[0]];
            layers.Add(new NodeLayer("input", -1, -1, first.InputLength, GraphLayerRole.Input));
        }
        foreach (int m in modules) layers.Add(ModuleLayer(network, m));
        if (!conv) layers[^1] = layers[^1] with { Role = GraphLayerRole.Output };

        var links = new List<NodeLink>();
        for (int l = 0; l + 1 < layers.Count; l++)
        {
            int from = layers[l].Module + 1, to = layers[l + 1].Module;
            CheckTransparent(network, from, to, conv);
            links.Add(new NodeLink(to, BatchNormScale(network, from, to, layers[l].Units)));
        }
        return new GraphTopology(layers, links, conv);
    }

    /// <summary>Activation-graph nodes: every conv channel (CNN), or every hidden dense unit, logits excluded (MLP).</summary>
    /// <exception cref="ArchitectureException">The network has no hidden unit.</exception>
    public static GraphTopology ForActivations(Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        bool conv = IsConvolutional(network);
        var modules = NodeModules(network, conv);
        if (!conv && modules.Count > 0) modules.RemoveAt(modules.Count - 1); // the logits
        if (modules.Count == 0)
            throw new ArchitectureException("activation graph: the network has no conv2d layer and no dense layer before its output layer, so it has no hidden units");
        return new GraphTopology(modules.Select(m => ModuleLayer(network, m)).ToList(), [], conv);
    }

    private static bool IsConvolutional(Network network) => network.Layers.Any(l => l.Spec is Conv2dSpec);

    private static List<int> NodeModules(Network network, bool conv) =>
        network.Layers.Where(l => conv ? l.Spec is Conv2dSpec : l.Spec is DenseSpec).Select(l => l.Index).ToList();

    private static NodeLayer ModuleLayer(Network network, int module)
    {
        var layer = network.Layers[module];
        return new NodeLayer($"layers.{layer.ParameterIndex}", layer.ParameterIndex, module, layer.Units, GraphLayerRole.Hidden);
    }

    /// <summary>Modules [from, to) must not change which unit is which (METHOD.md §2: pooling, relu, dropout are transparent; BatchNorm scales).</summary>
    private static void CheckTransparent(Network network, int from, int to, bool conv)
    {
        for (int m = from; m < to; m++)
        {
            var spec = network.Layers[m].Spec;
            bool ok = spec switch
            {
                ReluSpec or DropoutSpec or BatchNormSpec => true,
                MaxPool2dSpec => conv,
                FlattenSpec => !conv,
                _ => false,
            };
            if (!ok)
                throw new ArchitectureException(conv
                    ? $"weight graph: module {m} ({spec.TypeName}) lies between two conv2d layers; only relu, maxpool2d, batchnorm and dropout may join them"
                    : $"weight graph: module {m} ({spec.TypeName}) lies before or between dense layers of a network without conv2d layers; " +
                      "only flatten, relu, batchnorm and dropout may (a max-pool would make the first layer's inputs differ from the network's)");
        }
    }

    /// <summary>
    /// s[i] = Π |γ_c| / sqrt(σ²_c + ε) over the BatchNorms in modules [from, to), c the channel (or
    /// feature) that unit i of the earlier node layer feeds (METHOD.md §2); null when there are none.
    /// </summary>
    private static double[]? BatchNormScale(Network network, int from, int to, int units)
    {
        double[]? scale = null;
        for (int m = from; m < to; m++)
        {
            if (network.Layers[m] is not BatchNorm bn) continue;
            var spec = (BatchNormSpec)bn.Spec;
            int channels = bn.InputShape[0];
            // Unit i lies in channel i / per: per = 1 for conv channels and dense features, H·W for
            // the image features an MLP's BatchNorm sees before its flatten.
            int per = units == channels ? 1 : bn.InputLength / channels;
            if (units != channels && units != bn.InputLength)
                throw new ArchitectureException($"weight graph: batchnorm module {m} has {channels} channels, which do not match the {units} units before it");
            var gamma = network.Parameters.Span(bn.Gamma);
            var variance = network.Parameters.Span(bn.RunningVar);
            scale ??= Enumerable.Repeat(1.0, units).ToArray();
            for (int i = 0; i < units; i++)
            {
                int c = i / per;
                scale[i] *= Math.Abs((double)gamma[c]) / Math.Sqrt(variance[c] + spec.Eps);
            }
        }
        return scale;
    }
}
