namespace LocalSpec.Nn;

/// <summary>Reported after every training batch; running values are over the epoch so far.</summary>
public sealed record TrainingProgress(int Epoch, int Epochs, int Batch, int Batches, double RunningLoss, double RunningAccuracy, double ExamplesPerSecond);
