namespace LocalSpec.Pipeline;

/// <summary>What happened to one stage instance in a run.</summary>
public enum StageOutcome
{
    /// <summary>Computed now and committed to the store.</summary>
    Ran,

    /// <summary>Its artifact was in the store and verified.</summary>
    Cached,

    /// <summary>Its work threw; the diagnostic says why.</summary>
    Failed,

    /// <summary>Not attempted because an upstream stage failed or the run was cancelled.</summary>
    Skipped,
}
