namespace LocalSpec.Measures;

/// <summary>Progress of <see cref="Measurement.Run"/>: <paramref name="Done"/> of <paramref name="Total"/> analysed subclusters (each with its controls) finished in <paramref name="Stage"/>.</summary>
/// <param name="Layer">The layer (i of <c>layers.{i}</c>) of the subclusters just finished.</param>
public sealed record MeasureProgress(MeasureStage Stage, int Done, int Total, int Layer);
