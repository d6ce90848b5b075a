namespace LocalSpec.Nn;

/// <summary>Mean cross-entropy of a batch and how many of its argmax predictions were right.</summary>
public readonly record struct LossResult(double Loss, int Correct, int Count)
{
    public double Accuracy => Count == 0 ? 0 : (double)Correct / Count;
}
