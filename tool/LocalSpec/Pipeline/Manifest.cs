using LocalSpec.Graphs;
using LocalSpec.Partitioning;

namespace LocalSpec.Pipeline;

/// <summary>
/// One experiment, as read from its YAML manifest by <see cref="ManifestReader"/>: every field with
/// its default applied (docs/manifest.md, generated from <see cref="ManifestFields"/>). Paths are
/// full paths. Lists compare by value, so two manifests read from equivalent YAML are equal.
/// </summary>
/// <param name="SourcePath">Full path of the manifest file.</param>
/// <param name="Paper">The paper reference row to show beside this experiment's, or null.</param>
/// <param name="Models">Full paths of the weight files to analyse; empty when the manifest trains its networks.</param>
/// <param name="Training">Training settings; with <paramref name="Models"/>, only Replicates (= their count) is meaningful.</param>
/// <param name="K">The network-scope k values, distinct, in the manifest's order (one partition per value).</param>
public sealed record Manifest(
    string SourcePath,
    string Name,
    string Label,
    string? Paper,
    IReadOnlyList<string> Sets,
    string Dataset,
    NetworkSection Network,
    IReadOnlyList<string> Models,
    TrainingSection Training,
    IReadOnlyList<GraphKind> Graphs,
    GraphSection Graph,
    IReadOnlyList<PartitionScope> Scopes,
    IReadOnlyList<int> K,
    ClusteringSection Clustering,
    MeasuresSection Measures)
{
    private readonly IReadOnlyList<string> _sets = ValueList<string>.Of(Sets);
    private readonly IReadOnlyList<string> _models = ValueList<string>.Of(Models);
    private readonly IReadOnlyList<GraphKind> _graphs = ValueList<GraphKind>.Of(Graphs);
    private readonly IReadOnlyList<PartitionScope> _scopes = ValueList<PartitionScope>.Of(Scopes);
    private readonly IReadOnlyList<int> _k = ValueList<int>.Of(K);

    public IReadOnlyList<string> Sets { get => _sets; init => _sets = ValueList<string>.Of(value); }

    public IReadOnlyList<string> Models { get => _models; init => _models = ValueList<string>.Of(value); }

    public IReadOnlyList<GraphKind> Graphs { get => _graphs; init => _graphs = ValueList<GraphKind>.Of(value); }

    public IReadOnlyList<PartitionScope> Scopes { get => _scopes; init => _scopes = ValueList<PartitionScope>.Of(value); }

    public IReadOnlyList<int> K { get => _k; init => _k = ValueList<int>.Of(value); }

    /// <summary>True when the networks are trained here; false when <see cref="Models"/> are analysed.</summary>
    public bool TrainsModels => Models.Count == 0;

    /// <summary>Networks analysed: the model files, or the trained replicates.</summary>
    public int Replicates => TrainsModels ? Training.Replicates : Models.Count;

    /// <summary>Where each field was written (not part of equality); <see cref="ManifestPositions.None"/> when built in code.</summary>
    public ManifestPositions Positions { get; init; } = ManifestPositions.None;

    /// <summary>A diagnostic located at <paramref name="fieldPath"/>'s value in this manifest (e.g. a stage failure about <c>dataset</c>).</summary>
    public PipelineDiagnostic DiagnosticAt(string fieldPath, string code, string message, DiagnosticSeverity severity = DiagnosticSeverity.Error)
    {
        var (line, column) = Positions.Of(fieldPath);
        return new PipelineDiagnostic(SourcePath, line, column, code, message, severity);
    }
}
