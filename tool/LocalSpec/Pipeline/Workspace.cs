using LocalSpec.Data;

namespace LocalSpec.Pipeline;

/// <summary>
/// Where a project's pipeline state lives: the root (the nearest directory above the manifests that
/// holds <c>.localspec/</c> or <c>.git</c>), its artifact store <c>.localspec/cache</c> and its
/// <c>reports/</c>. <c>LOCALSPEC_STORE</c> or an explicit path moves the store (shared caches).
/// </summary>
public sealed class Workspace
{
    public const string StoreVariable = "LOCALSPEC_STORE";

    private Workspace(string root, string store, string reports)
    {
        Root = root;
        Store = new ArtifactStore(store);
        ReportsDirectory = reports;
    }

    public string Root { get; }

    public ArtifactStore Store { get; }

    public string ReportsDirectory { get; }

    /// <summary>The workspace of the manifests in <paramref name="directory"/>.</summary>
    public static Workspace Locate(string directory, string? store = null, string? reports = null)
    {
        string start = Path.GetFullPath(directory);
        string root = start;
        for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
        {
            if (Directory.Exists(Path.Combine(d.FullName, ".localspec")) || Path.Exists(Path.Combine(d.FullName, ".git")))
            {
                root = d.FullName;
                break;
            }
        }
        store ??= System.Environment.GetEnvironmentVariable(StoreVariable) is { Length: > 0 } s ? s : Path.Combine(root, ".localspec", "cache");
        return new Workspace(root, Path.GetFullPath(store), Path.GetFullPath(reports ?? Path.Combine(root, "reports")));
    }

    /// <summary>An environment for one run over this workspace's store.</summary>
    public PipelineEnvironment Environment(Action<string>? log = null, bool autoFetch = true) =>
        new(Store, DataStore.FromEnvironment(), log, autoFetch)
        {
            TemplatesDirectory = Directory.Exists(TemplatesDirectory) ? TemplatesDirectory : null,
        };

    /// <summary><c>reports/templates</c> of the workspace.</summary>
    public string TemplatesDirectory => Path.Combine(ReportsDirectory, "templates");
}
