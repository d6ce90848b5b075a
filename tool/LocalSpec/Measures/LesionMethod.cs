namespace LocalSpec.Measures;

/// <summary>How <see cref="LesionEngine"/> computes the lesioned network's predictions.</summary>
public enum LesionMethod
{
    /// <summary>
    /// Cached activations, a low-rank update of the next layer's pre-activations and a batched
    /// forward of the rest; predictions equal <see cref="Naive"/>'s, because near-ties are recomputed
    /// with the naive path's arithmetic. Caveat: a native BLAS (OpenBLAS) may round a row differently
    /// depending on the batch around it (measured: up to 4e-6 of the logits' scale), so an example
    /// within that noise of a tie gets a prediction that even the naive path changes with its batch size.
    /// </summary>
    Fast,

    /// <summary>One full forward pass per lesion with <see cref="Nn.ForwardOptions.UnitMasks"/>: the oracle.</summary>
    Naive,
}
