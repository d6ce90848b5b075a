namespace LocalSpec.Nn;

/// <summary>The module kinds of an architecture spec (JSON "type" in parentheses).</summary>
public enum LayerType
{
    /// <summary>"dense": y = x Wᵀ + b, W [out, in].</summary>
    Dense,

    /// <summary>"conv2d": stride 1, square odd kernel, padding same/valid, bias.</summary>
    Conv2d,

    /// <summary>"maxpool2d": kernel = stride = size, floor mode.</summary>
    MaxPool2d,

    /// <summary>"relu".</summary>
    Relu,

    /// <summary>"flatten": [C, H, W] → [C·H·W], channel-major.</summary>
    Flatten,

    /// <summary>"batchnorm": per feature of [N, F] or per channel of [N, C, H, W].</summary>
    BatchNorm,

    /// <summary>"dropout": inverted dropout.</summary>
    Dropout,
}
