namespace LocalSpec.Measures;

/// <summary>Proxies that share one computation: the lesion proxies one lesion evaluation, the feature-visualization proxies one optimisation.</summary>
public enum MeasureProxyFamily
{
    /// <summary><c>lesion</c>: lesion.acc_drop and lesion.class_range.</summary>
    Lesion,

    /// <summary><c>featvis</c>: featvis.score and featvis.entropy.</summary>
    FeatureVis,
}
