namespace LocalSpec.Pipeline;

/// <summary>
/// The manifest's <c>training</c>, defaults resolved (epochs, batch size and lr from the preset's
/// <see cref="Nn.Presets.TrainingDefaults"/>). With <c>models</c> nothing is trained: then
/// <see cref="Replicates"/> is the number of model files and the other members are unused defaults.
/// </summary>
public sealed record TrainingSection(int Epochs, int BatchSize, double Lr, int Replicates, ulong Seed)
{
    /// <summary>The seed of replicate <paramref name="replicate"/> (0-based): <c>Seed + replicate</c>.</summary>
    public ulong SeedOf(int replicate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(replicate);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(replicate, Replicates);
        return Seed + (ulong)replicate;
    }
}
