namespace LocalSpec.Pipeline;

/// <summary>The stage kinds, in pipeline order (ARCHITECTURE.md: train → graph → partition → measure → stats → report).</summary>
public static class StageKinds
{
    public const string Train = "train";

    /// <summary>A user-supplied weights file (manifest <c>models:</c>) taken in place of training.</summary>
    public const string Model = "model";

    public const string Graph = "graph";
    public const string Partition = "partition";
    public const string Measure = "measure";
    public const string Stats = "stats";
    public const string Report = "report";

    public static IReadOnlyList<string> All { get; } = [Train, Model, Graph, Partition, Measure, Stats, Report];
}
