namespace LocalSpec.Nn;

/// <summary>What a named tensor in a <see cref="ParameterStore"/> is.</summary>
public enum ParameterKind
{
    /// <summary>Dense [out, in] or conv [out, in, kh, kw] weight: trainable, L2-regularised.</summary>
    Weight,

    /// <summary>Dense or conv bias [out]: trainable.</summary>
    Bias,

    /// <summary>BatchNorm γ [C] (named "weight"): trainable.</summary>
    Gamma,

    /// <summary>BatchNorm β [C] (named "bias"): trainable.</summary>
    Beta,

    /// <summary>BatchNorm running mean [C]: a buffer, not trained by gradient.</summary>
    RunningMean,

    /// <summary>BatchNorm running variance [C]: a buffer, not trained by gradient.</summary>
    RunningVar,
}
