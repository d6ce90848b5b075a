namespace LocalSpec.Pipeline;

/// <summary>What a clean-up removed: artifacts and the bytes of their files.</summary>
public sealed record StoreRemoval(int Count, long Bytes);
