namespace LocalSpec.Pipeline;

/// <summary>
/// Where each field's value was written in the manifest (1-based), keyed by field path
/// (<c>dataset</c>, <c>training.epochs</c>, list items as <c>k[1]</c>). Metadata, not part of the
/// manifest's value: any two instances compare equal, so a manifest equals its re-serialised self.
/// </summary>
public sealed class ManifestPositions : IEquatable<ManifestPositions>
{
    private readonly IReadOnlyDictionary<string, (int Line, int Column)> _positions;

    internal ManifestPositions(IReadOnlyDictionary<string, (int Line, int Column)> positions) => _positions = positions;

    public static ManifestPositions None { get; } = new(new Dictionary<string, (int, int)>());

    /// <summary>
    /// The position of <paramref name="fieldPath"/>'s value; for a field not written, the nearest
    /// written enclosing section's; (1, 1) when nothing encloses it.
    /// </summary>
    public (int Line, int Column) Of(string fieldPath)
    {
        for (string? path = fieldPath; path is not null; path = Parent(path))
        {
            if (_positions.TryGetValue(path, out var at)) return at;
        }
        return (1, 1);
    }

    public bool Contains(string fieldPath) => _positions.ContainsKey(fieldPath);

    public bool Equals(ManifestPositions? other) => other is not null;

    public override bool Equals(object? obj) => obj is ManifestPositions;

    public override int GetHashCode() => 0;

    private static string? Parent(string path)
    {
        int bracket = path.LastIndexOf('[');
        int dot = path.LastIndexOf('.');
        int cut = Math.Max(bracket, dot);
        return cut > 0 ? path[..cut] : null;
    }
}
