namespace LocalSpec.Pipeline;

/// <summary>What a stage's work gets: where to write, its upstream artifacts, the shared environment.</summary>
public sealed class StageContext
{
    public required StageDefinition Stage { get; init; }

    /// <summary>A fresh, empty directory; everything written here becomes the artifact.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>The verified artifacts of <see cref="StageDefinition.Upstream"/>, by stage id.</summary>
    public required IReadOnlyDictionary<string, ArtifactHandle> Inputs { get; init; }

    public required PipelineEnvironment Environment { get; init; }

    /// <summary>Reports the stage's progress as a fraction in [0, 1] with a short description.</summary>
    public required Action<double, string> Progress { get; init; }

    public CancellationToken Cancellation { get; init; }

    /// <summary>The artifact of the one upstream stage of <paramref name="kind"/>.</summary>
    public ArtifactHandle Input(string kind)
    {
        var matches = Stage.Upstream.Where(u => u.Kind == kind).ToArray();
        if (matches.Length != 1)
            throw new InvalidOperationException($"{Stage.Id} has {matches.Length} upstream {kind} stages, not one");
        return Inputs[matches[0].Id];
    }

    public string OutputPath(string name) => Path.Combine(OutputDirectory, name);
}
