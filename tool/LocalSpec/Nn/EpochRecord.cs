namespace LocalSpec.Nn;

/// <summary>
/// One epoch of training: mean cross-entropy and accuracy of the training batches as they were
/// trained on (training mode, before each step; the L2 term is not included), the test accuracy
/// after the epoch (eval mode; null without a test set), and the time of the training pass.
/// </summary>
public sealed record EpochRecord(int Epoch, double TrainLoss, double TrainAccuracy, double? TestAccuracy, double Seconds, double ExamplesPerSecond);
