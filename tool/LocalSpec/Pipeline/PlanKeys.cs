namespace LocalSpec.Pipeline;

/// <summary>
/// The key of every stage instance of a set of plans (ARCHITECTURE.md, "Cache and incrementality"):
/// upstream keys first, so a changed parameter changes the key of every stage downstream of it.
/// </summary>
public static class PlanKeys
{
    public static IReadOnlyDictionary<StageDefinition, StageKeyInput> Compute(IEnumerable<ExperimentPlan> plans)
    {
        ArgumentNullException.ThrowIfNull(plans);
        var keys = new Dictionary<StageDefinition, StageKeyInput>(ReferenceEqualityComparer.Instance);
        var fileHashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var plan in plans)
            foreach (var stage in plan.Stages)
                Key(stage, keys, fileHashes);
        return keys;
    }

    private static StageKeyInput Key(StageDefinition stage, Dictionary<StageDefinition, StageKeyInput> keys, Dictionary<string, string> fileHashes)
    {
        if (keys.TryGetValue(stage, out var known)) return known;
        var upstream = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var u in stage.Upstream) upstream[u.Id] = Key(u, keys, fileHashes).Key;
        var inputs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, path) in stage.InputFiles)
        {
            if (!fileHashes.TryGetValue(path, out var hash)) fileHashes[path] = hash = FileHash.Sha256(path);
            inputs[name] = hash;
        }
        var key = new StageKeyInput(stage.Kind, stage.FormatVersion, stage.Parameters, upstream, inputs);
        keys[stage] = key;
        return key;
    }
}
