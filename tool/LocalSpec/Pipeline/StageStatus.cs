namespace LocalSpec.Pipeline;

/// <summary>
/// Whether a stage instance would run now, and why (<c>localspec status</c> and <c>why</c>).
/// <see cref="Reasons"/> is empty exactly when <see cref="Cached"/>.
/// </summary>
/// <param name="Previous">The localspec.lock entry the reasons compare against (same instance, or the closest one of its kind), or null.</param>
public sealed record StageStatus(StageDefinition Stage, string Key, bool Cached, IReadOnlyList<string> Reasons, LockEntry? Previous);
