namespace LocalSpec.Measures;

/// <summary>Correct predictions of one network (intact or lesioned) on the test set, overall and per class.</summary>
public sealed class LesionScore
{
    private readonly int[] _classExamples, _classCorrect;

    internal LesionScore(int[] classExamples, int[] classCorrect)
    {
        _classExamples = classExamples;
        _classCorrect = classCorrect;
        Examples = classExamples.Sum();
        Correct = classCorrect.Sum();
        ClassAccuracies = [.. classExamples.Select((n, k) => n == 0 ? double.NaN : (double)classCorrect[k] / n)];
        var present = ClassAccuracies.Where(a => !double.IsNaN(a)).ToArray();
        BalancedAccuracy = present.Length == 0 ? double.NaN : present.Average();
    }

    public int Examples { get; }

    public int Correct { get; }

    /// <summary>Test examples of each class (index = class = network output unit).</summary>
    public IReadOnlyList<int> ClassExamples => _classExamples;

    public IReadOnlyList<int> ClassCorrect => _classCorrect;

    /// <summary>Correct / Examples.</summary>
    public double Accuracy => Examples == 0 ? double.NaN : (double)Correct / Examples;

    /// <summary>Accuracy on each class's test examples; NaN for a class without any.</summary>
    public IReadOnlyList<double> ClassAccuracies { get; }

    /// <summary>The mean of <see cref="ClassAccuracies"/> over the classes present in the test set.</summary>
    public double BalancedAccuracy { get; }

    public double AccuracyOf(LesionAccuracy kind) => kind switch
    {
        LesionAccuracy.Overall => Accuracy,
        LesionAccuracy.Balanced => BalancedAccuracy,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), $"Unknown lesion accuracy {kind}."),
    };

    /// <summary>Counts predictions [N] against labels [N] (classes in 0..classes−1).</summary>
    internal static LesionScore Count(ReadOnlySpan<int> predictions, ReadOnlySpan<int> labels, int classes)
    {
        var examples = new int[classes];
        var correct = new int[classes];
        for (int j = 0; j < labels.Length; j++)
        {
            examples[labels[j]]++;
            if (predictions[j] == labels[j]) correct[labels[j]]++;
        }
        return new LesionScore(examples, correct);
    }
}
