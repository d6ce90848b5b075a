namespace LocalSpec.Measures;

/// <summary>The two long parts of <see cref="Measurement.Run"/>.</summary>
public enum MeasureStage
{
    /// <summary>Lesioning every subcluster and its controls, one layer at a time.</summary>
    Lesions,

    /// <summary>Optimising a feature visualization for every subcluster and its controls.</summary>
    FeatureVis,
}
