namespace LocalSpec.Pipeline;

/// <summary>
/// Which stage instances of a plan are cached and which would run, with the reason in words: the
/// key components that changed since localspec.lock recorded the instance (DVC's "why did it
/// rerun?"), a missing or corrupt artifact, or a new instance (then compared with the closest
/// recorded instance of the same kind, e.g. the same partition with another k).
/// </summary>
public static class PipelineStatus
{
    public static IReadOnlyList<StageStatus> Of(ExperimentPlan plan, IReadOnlyDictionary<StageDefinition, StageKeyInput> keys, ArtifactStore store)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(store);
        var lockFile = LockFile.Read(plan.LockPath);
        var recorded = lockFile.Entries(plan.Manifest.Name);
        var result = new List<StageStatus>(plan.Stages.Count);
        foreach (var stage in plan.Stages)
        {
            var key = keys[stage];
            var corruption = new List<ArtifactCorruption>();
            void Corrupt(ArtifactCorruption c)
            {
                if (c.Key == key.Key) corruption.Add(c);
            }
            store.CorruptArtifactRemoved += Corrupt;
            ArtifactHandle? handle;
            try
            {
                handle = store.TryOpen(stage.Kind, key.Key);
            }
            finally
            {
                store.CorruptArtifactRemoved -= Corrupt;
            }
            var same = recorded.FirstOrDefault(e => e.Stage == stage.Id);
            if (handle is not null)
            {
                result.Add(new StageStatus(stage, key.Key, true, [], same));
                continue;
            }
            var reasons = new List<string>();
            foreach (var c in corruption) reasons.Add($"its artifact failed verification and was removed: {string.Join("; ", c.Problems)}");
            LockEntry? previous = same;
            if (same is not null)
            {
                if (same.Key == key.Key)
                {
                    if (corruption.Count == 0) reasons.Add($"its artifact {Short(key.Key)} is not in the store {store.Root} (cleaned, or built with another store)");
                }
                else
                {
                    reasons.AddRange(key.Differences(same.KeyInput));
                }
            }
            else
            {
                previous = recorded.Where(e => e.Kind == stage.Kind)
                    .OrderBy(e => key.Differences(e.KeyInput).Count).ThenBy(e => e.Stage, StringComparer.Ordinal).FirstOrDefault();
                reasons.Add(previous is null
                    ? "new instance: localspec.lock has no record of it or of any other instance of its kind"
                    : $"new instance: not in localspec.lock; compared with {previous.Stage}:");
                if (previous is not null) reasons.AddRange(key.Differences(previous.KeyInput).Select(d => "  " + d));
            }
            if (reasons.Count == 0) reasons.Add("its artifact is not in the store");
            result.Add(new StageStatus(stage, key.Key, false, reasons, previous));
        }
        return result;
    }

    private static string Short(string key) => key[..12];
}
