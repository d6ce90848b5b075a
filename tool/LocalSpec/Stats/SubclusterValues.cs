namespace LocalSpec.Stats;

/// <summary>One analysed subcluster's proxy value and the values of its n random controls (METHOD.md §5).</summary>
public sealed record SubclusterValues(double TrueValue, IReadOnlyList<double> RandomValues);
