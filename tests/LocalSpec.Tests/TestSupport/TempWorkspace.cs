namespace LocalSpec.Tests.TestSupport;

/// <summary>
/// A temporary LocalSpec workspace for pipeline tests of the shells: a fresh folder holding an empty
/// <c>.localspec/</c>, so that the manifests written into it find their store (<c>.localspec/cache</c>),
/// <c>reports/</c> and <c>localspec.lock</c> here and nowhere else. Deleted on dispose.
/// </summary>
public sealed class TempWorkspace : IDisposable
{
    public TempWorkspace(string prefix = "localspec-ws-")
    {
        Root = Directory.CreateTempSubdirectory(prefix).FullName;
        Directory.CreateDirectory(Path.Combine(Root, ".localspec"));
    }

    private TempWorkspace(string root, bool _) => Root = root;

    public string Root { get; }

    /// <summary>The workspace's default artifact store.</summary>
    public string StoreRoot => Path.Combine(Root, ".localspec", "cache");

    public string ReportsDirectory => Path.Combine(Root, "reports");

    public string LockPath => Path.Combine(Root, "localspec.lock");

    /// <summary>True when nothing was ever written to the store: the folder is absent or empty.</summary>
    public bool StoreIsEmpty => !Directory.Exists(StoreRoot) || !Directory.EnumerateFileSystemEntries(StoreRoot).Any();

    public string PathOf(string name) => Path.Combine(Root, name);

    /// <summary>Writes <paramref name="text"/> to <paramref name="name"/> in the workspace; returns the full path.</summary>
    public string Write(string name, string text)
    {
        string path = PathOf(name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A copy of this workspace (store, lock file, manifests, reports) in a new temporary folder.</summary>
    public TempWorkspace Copy(string prefix = "localspec-ws-")
    {
        string target = Directory.CreateTempSubdirectory(prefix).FullName;
        foreach (string dir in Directory.EnumerateDirectories(Root, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(target, Path.GetRelativePath(Root, dir)));
        foreach (string file in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(target, Path.GetRelativePath(Root, file)));
        return new TempWorkspace(target, true);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A killed child process may still be releasing a file; the OS temp cleaner gets it.
        }
    }

    /// <summary>
    /// The smallest whole experiment that still has every stage kind: one replicate of an MLP trained
    /// for one epoch on mnist10k, the weight graph, one network-scope partition into k clusters, both
    /// proxy families with few controls and steps. Seven stage instances (train, graph, partition,
    /// measure × 2 families, stats, report), a few seconds in all.
    /// </summary>
    public static string TinyManifest(string name = "tiny", int k = 4) => $$"""
        name: {{name}}
        sets: [tiny]
        dataset: mnist10k
        network: { arch: mlp }
        training: { epochs: 1, replicates: 1 }
        graphs: [weights]
        scopes: [network]
        k: {{k}}
        clustering: { n_init: 2 }
        measures:
          random_subclusters: 3
          featvis: { steps: 2 }

        """;

    /// <summary>Stage instances of <see cref="TinyManifest"/>.</summary>
    public const int TinyStages = 7;
}
