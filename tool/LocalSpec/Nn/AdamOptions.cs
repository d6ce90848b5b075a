namespace LocalSpec.Nn;

/// <summary>Adam hyper-parameters (ENGINE-CONTRACT.md "Loss and optimiser"); eps defaults to Keras' 1e-7.</summary>
public sealed record AdamOptions
{
    public double LearningRate { get; init; } = 1e-3;

    public double Beta1 { get; init; } = 0.9;

    public double Beta2 { get; init; } = 0.999;

    public double Epsilon { get; init; } = 1e-7;

    /// <summary>λ of Keras' l2(λ) on dense and conv weights: loss += λ Σ w², so g += 2λw.</summary>
    public double L2 { get; init; }

    internal void Validate()
    {
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate)) throw new ArgumentException($"Adam learning rate must be positive (got {LearningRate}).");
        if (!(Beta1 >= 0 && Beta1 < 1)) throw new ArgumentException($"Adam beta1 must be in [0, 1) (got {Beta1}).");
        if (!(Beta2 >= 0 && Beta2 < 1)) throw new ArgumentException($"Adam beta2 must be in [0, 1) (got {Beta2}).");
        if (!(Epsilon > 0)) throw new ArgumentException($"Adam epsilon must be positive (got {Epsilon}).");
        if (!(L2 >= 0)) throw new ArgumentException($"L2 weight decay must be non-negative (got {L2}).");
    }
}
