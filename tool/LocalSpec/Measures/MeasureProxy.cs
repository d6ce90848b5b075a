namespace LocalSpec.Measures;

/// <summary>
/// The four proxies of local specialization (METHOD.md §6). Their names in files and manifests are
/// <see cref="MeasureProxies.Name"/>: <c>lesion.acc_drop</c>, <c>lesion.class_range</c>,
/// <c>featvis.score</c>, <c>featvis.entropy</c>.
/// </summary>
public enum MeasureProxy
{
    /// <summary>Importance: accuracy drop of the lesioned network. Higher = more specialized.</summary>
    LesionAccDrop,

    /// <summary>Coherence: range over classes of the per-class accuracy drops. Higher = more specialized.</summary>
    LesionClassRange,

    /// <summary>Coherence: ‖Act‖₁ of the subcluster on its feature visualization. Higher = more specialized.</summary>
    FeatureVisScore,

    /// <summary>Coherence: softmax entropy of the network's output on the feature visualization. Lower = more specialized.</summary>
    FeatureVisEntropy,
}
