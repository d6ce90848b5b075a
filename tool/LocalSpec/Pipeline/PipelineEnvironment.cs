using System.Collections.Concurrent;
using LocalSpec.Data;

namespace LocalSpec.Pipeline;

/// <summary>
/// What the stages of one run share: the data sets (loaded once, fetched when missing and
/// fetchable), the store, and where messages go.
/// </summary>
public sealed class PipelineEnvironment
{
    private readonly ConcurrentDictionary<string, Lazy<Dataset>> _datasets = new(StringComparer.Ordinal);

    public PipelineEnvironment(ArtifactStore store, DataStore data, Action<string>? log = null, bool autoFetch = true)
    {
        Store = store;
        Data = data;
        Log = log ?? (_ => { });
        AutoFetch = autoFetch;
    }

    public ArtifactStore Store { get; }

    /// <summary>The workspace's editable report templates (reports/templates), or null for the built-in ones.</summary>
    public string? TemplatesDirectory { get; init; }

    public DataStore Data { get; }

    /// <summary>Informational messages (data acquisition, warnings that are not diagnostics).</summary>
    public Action<string> Log { get; }

    /// <summary>Whether a missing data set may be acquired (false for <c>status</c> and <c>why</c>).</summary>
    public bool AutoFetch { get; }

    /// <summary>The named data set, loaded once per run (a <see cref="DataException"/> when it cannot be had).</summary>
    public Dataset Dataset(string name) =>
        _datasets.GetOrAdd(name, n => new Lazy<Dataset>(() => DatasetCatalog.Load(n, Data, new DataLoadOptions
        {
            AutoFetch = AutoFetch,
            Log = line => Log(line),
        }), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
}
