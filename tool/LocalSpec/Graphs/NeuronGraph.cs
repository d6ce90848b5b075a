namespace LocalSpec.Graphs;

/// <summary>
/// A weighted undirected graph whose nodes are neurons (dense units or conv channels), ordered
/// layer by layer. The adjacency is dense, symmetric, row-major [N, N] with a zero diagonal: the
/// largest graphs here (VGG's 4,224 channels) fit easily, and dense storage makes the eigen-solver's
/// products plain GEMV/GEMM. <see cref="Dead"/> marks units whose activation never varies
/// (METHOD.md §2): they are left out of clustering, lesions and random controls.
/// </summary>
public sealed class NeuronGraph
{
    public NeuronGraph(GraphKind kind, IReadOnlyList<GraphLayer> layers, float[] adjacency, bool[] dead)
    {
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(adjacency);
        ArgumentNullException.ThrowIfNull(dead);
        int n = 0;
        foreach (var layer in layers)
        {
            if (layer.Offset != n)
                throw new ArgumentException($"layer '{layer.Name}' starts at node {layer.Offset}, expected {n}", nameof(layers));
            n += layer.Units;
        }
        if (adjacency.Length != (long)n * n)
            throw new ArgumentException($"adjacency has {adjacency.Length} entries, expected {n}×{n}", nameof(adjacency));
        if (dead.Length != n)
            throw new ArgumentException($"dead has {dead.Length} entries, expected {n}", nameof(dead));
        Kind = kind;
        Layers = layers;
        Adjacency = adjacency;
        Dead = dead;
    }

    public GraphKind Kind { get; }

    public IReadOnlyList<GraphLayer> Layers { get; }

    /// <summary>[N, N] row-major, symmetric, zero diagonal, non-negative.</summary>
    public float[] Adjacency { get; }

    /// <summary>[N]: true for dead units.</summary>
    public bool[] Dead { get; }

    public int NodeCount => Dead.Length;

    public float this[int i, int j] => Adjacency[(long)i * NodeCount + j];

    /// <summary>The layer that node <paramref name="node"/> belongs to (index into <see cref="Layers"/>).</summary>
    public int LayerOf(int node)
    {
        for (int l = Layers.Count - 1; l >= 0; l--)
            if (node >= Layers[l].Offset) return l;
        throw new ArgumentOutOfRangeException(nameof(node));
    }
}
