namespace LocalSpec.Measures;

/// <summary>Which accuracy <c>lesion.acc_drop</c> compares (METHOD.md §6, manifest field <c>accuracy</c>).</summary>
public enum LesionAccuracy
{
    /// <summary>The fraction of all test examples classified correctly (the paper).</summary>
    Overall,

    /// <summary>The mean of the class-wise accuracies (the authors' code).</summary>
    Balanced,
}
