using LocalSpec.Numerics;

namespace LocalSpec.Nn;

/// <summary>How to run a forward pass (<see cref="Network.Forward"/>, <see cref="Network.ForwardWithTape"/>).</summary>
public sealed record ForwardOptions
{
    /// <summary>First module to run. When &gt; 0 the input is the output of module From − 1 (e.g. a cached activation).</summary>
    public int From { get; init; }

    /// <summary>Last module to run (inclusive); −1 = the last module (the logits).</summary>
    public int To { get; init; } = -1;

    /// <summary>Training mode: batch statistics in BatchNorm (and running-statistics updates), active dropout.</summary>
    public bool Training { get; init; }

    /// <summary>Random stream for training-mode dropout (required then); each dropout module draws one seed per pass.</summary>
    public Rng? Rng { get; init; }

    /// <summary>
    /// Module index → one multiplier per unit (feature of [N, F], channel of [N, C, H, W]) applied to
    /// that module's OUTPUT; 0 lesions the unit (METHOD.md §6). Also applied in backward, so no
    /// gradient flows through a zeroed unit. Keys must lie in [From, To].
    /// </summary>
    public IReadOnlyDictionary<int, float[]>? UnitMasks { get; init; }

    /// <summary>
    /// Called with (module index, output) after each module (after its mask), e.g. to read
    /// pre-activations as the output of a dense/conv module. The tensor is only valid during the
    /// call (its buffer is reused): copy what you keep.
    /// </summary>
    public Action<int, Tensor>? Capture { get; init; }
}
