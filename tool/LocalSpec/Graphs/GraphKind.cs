namespace LocalSpec.Graphs;

/// <summary>How a graph of neurons was made (METHOD.md §2).</summary>
public enum GraphKind
{
    /// <summary>Edges are absolute weights (MLP) or kernel-slice norms (CNN), BatchNorm-scaled.</summary>
    Weights,

    /// <summary>Edges are squared Spearman correlations of pre-ReLU activations over training examples.</summary>
    Activations,
}
