namespace LocalSpec.Graphs;

/// <summary>How a conv kernel's 2-D slice K[j, i, :, :] becomes one edge weight (METHOD.md §2, "Weights").</summary>
public enum KernelNorm
{
    /// <summary>Σ_{kh,kw} |K[j, i, kh, kw]|, the entry-wise L1 norm (the paper's text).</summary>
    L1,

    /// <summary>
    /// The induced matrix 1-norm, max over kw of Σ_kh |K[j, i, kh, kw]| (numpy's
    /// <c>np.linalg.norm(K[j, i], ord=1)</c>): what the authors' code computed.
    /// </summary>
    Induced,
}
