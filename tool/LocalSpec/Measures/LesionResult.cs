namespace LocalSpec.Measures;

/// <summary>All lesions of one parameter layer evaluated by <see cref="LesionEngine.Evaluate"/>.</summary>
public sealed class LesionResult
{
    internal LesionResult(LesionSite site, LesionScore baseline, LesionAccuracy accuracy, LesionMethod method, LesionOutcome[] outcomes)
    {
        Site = site;
        Baseline = baseline;
        Accuracy = accuracy;
        Method = method;
        Outcomes = outcomes;
    }

    /// <summary>Where the lesions were applied.</summary>
    public LesionSite Site { get; }

    /// <summary>The intact network on the test set.</summary>
    public LesionScore Baseline { get; }

    /// <summary>The accuracy behind every <see cref="LesionOutcome.AccDrop"/>.</summary>
    public LesionAccuracy Accuracy { get; }

    /// <summary>The path that produced the predictions (Naive when the site has no fast path).</summary>
    public LesionMethod Method { get; }

    /// <summary>One per unit set, in the order given.</summary>
    public IReadOnlyList<LesionOutcome> Outcomes { get; }
}
