namespace LocalSpec.Measures;

/// <summary>One proxy's measurements: its orientation and one entry per analysed subcluster, in layer and then cluster order.</summary>
public sealed record ProxyMeasurements(bool HigherIsMoreSpecialized, IReadOnlyList<SubclusterMeasurement> Subclusters);
