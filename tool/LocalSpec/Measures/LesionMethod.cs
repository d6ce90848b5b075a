namespace LocalSpec.Measures;

/// <summary>How <see cref="LesionEngine"/> computes the lesioned network's predictions.</summary>
public enum LesionMethod
{
    /// <summary>
    /// Cached activations, a low-rank update of the next layer's pre-activations and a batched
    /// forward of the rest; predictions equal <see cref="Naive"/>'s (near-ties are recomputed the naive way).
    /// </summary>
    Fast,

    /// <summary>One full forward pass per lesion with <see cref="Nn.ForwardOptions.UnitMasks"/>: the oracle.</summary>
    Naive,
}
