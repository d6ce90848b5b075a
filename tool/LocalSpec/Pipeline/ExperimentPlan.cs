namespace LocalSpec.Pipeline;

/// <summary>One manifest expanded into its stage instances, upstream before downstream.</summary>
public sealed record ExperimentPlan(Manifest Manifest, IReadOnlyList<StageDefinition> Stages)
{
    /// <summary><c>localspec.lock</c> in the manifest's directory.</summary>
    public string LockPath => Path.Combine(Path.GetDirectoryName(Manifest.SourcePath)!, LockFileName);

    public const string LockFileName = "localspec.lock";

    /// <summary>The instance with this id (<see cref="StageDefinition.Id"/>), or null.</summary>
    public StageDefinition? Find(string id) => Stages.FirstOrDefault(s => s.Id == id);
}
