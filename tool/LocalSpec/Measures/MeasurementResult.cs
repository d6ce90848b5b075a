namespace LocalSpec.Measures;

/// <summary>What <see cref="Measurement.Run"/> returns.</summary>
/// <param name="Document">The content of measurements.json.</param>
/// <param name="Figures">One feature-visualization figure per layer with analysed subclusters (empty when featvis was not measured or images were not kept).</param>
/// <param name="LesionTime">Wall time of the lesion stage (zero when not measured); for display only, never written to a file.</param>
/// <param name="FeatureVisTime">Wall time of the feature-visualization stage (zero when not measured).</param>
public sealed record MeasurementResult(MeasurementsDocument Document, IReadOnlyList<FeatureVisFigure> Figures, TimeSpan LesionTime, TimeSpan FeatureVisTime);
