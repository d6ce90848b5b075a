namespace LocalSpec.Nn;

/// <summary>What <see cref="Trainer.Train(Network, ReadOnlyMemory{float}, int[], int, TrainingOptions, IProgress{TrainingProgress}?, CancellationToken)"/> measured, one record per epoch.</summary>
public sealed record TrainingResult(IReadOnlyList<EpochRecord> Epochs)
{
    public double? FinalTestAccuracy => Epochs.Count == 0 ? null : Epochs[^1].TestAccuracy;
}
