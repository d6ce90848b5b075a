namespace LocalSpec.Data;

/// <summary>
/// The folder where data sets are kept: <c>LOCALSPEC_DATA</c> if set, else
/// <c>$XDG_CACHE_HOME/localspec/data</c>, else <c>~/.cache/localspec/data</c>. Each set lives in
/// <c>&lt;root&gt;/&lt;name&gt;/</c> with a <c>manifest.json</c>. A set is installed by writing
/// it into <c>&lt;root&gt;/.tmp-&lt;name&gt;-&lt;random&gt;/</c>, verifying it, writing the
/// manifest last, then renaming the folder into place, all under an exclusive lock on
/// <c>&lt;root&gt;/.lock-&lt;name&gt;</c>; so a reader sees either no set or a complete one, two
/// processes fetching the same set do the work once, and the leftovers of a killed fetch (the
/// dot-folders) are never read and are removed by the next fetch of that set.
/// </summary>
public sealed class DataStore
{
    public const string EnvironmentVariable = "LOCALSPEC_DATA";
    private static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(30);

    public DataStore(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    /// <summary>The store at <see cref="DefaultRoot"/>.</summary>
    public static DataStore FromEnvironment() => new(DefaultRoot());

    public static string DefaultRoot()
    {
        string? explicitRoot = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(explicitRoot)) return explicitRoot;
        string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg)) return Path.Combine(xdg, "localspec", "data");
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (string.IsNullOrEmpty(home))
            home = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        return Path.Combine(home, ".cache", "localspec", "data");
    }

    /// <summary>The folder of set <paramref name="name"/> (whether or not it exists).</summary>
    public string SetDirectory(string name) => Path.Combine(Root, name);

    /// <summary>The manifest of a complete stored set, or null when the set is not in the store.</summary>
    public DataManifest? TryGetManifest(string name) => DataManifest.TryRead(SetDirectory(name));

    /// <summary>
    /// Checks every file of a stored set against its manifest (size, then SHA-256) and throws a
    /// <see cref="DataException"/> naming the first file that differs.
    /// </summary>
    public void VerifyFiles(string name, DataManifest manifest)
    {
        string directory = SetDirectory(name);
        foreach (DataFileHash file in manifest.Files)
        {
            string path = Path.Combine(directory, file.Path);
            string problem =
                !File.Exists(path) ? "is missing"
                : new FileInfo(path).Length != file.Bytes ? "has changed size since it was fetched"
                : FileHashing.Sha256Hex(path) != file.Sha256 ? "has changed since it was fetched (SHA-256 mismatch)"
                : "";
            if (problem.Length > 0)
                throw new DataException($"{path} {problem}; fetch the set again: localspec data fetch {name} --force");
        }
    }

    /// <summary>
    /// Installs set <paramref name="name"/> unless it is already complete (or <paramref name="force"/>):
    /// <paramref name="produce"/> fills an empty temporary folder and returns the manifest, which
    /// is written into it before the folder is renamed into place.
    /// </summary>
    internal DataManifest Install(string name, bool force, Action<string>? log, Func<string, DataManifest> produce)
    {
        Directory.CreateDirectory(Root);
        using FileStream setLock = AcquireLock(name, log);
        if (!force && TryGetManifestOrNull(name) is DataManifest existing)
        {
            log?.Invoke($"{name} is already in {SetDirectory(name)}");
            return existing;
        }
        RemoveLeftovers(name);
        string temp = Path.Combine(Root, $".tmp-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        DataManifest manifest;
        try
        {
            manifest = produce(temp).Sorted();
            manifest.Write(temp);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
        string final = SetDirectory(name);
        if (Directory.Exists(final))
        {
            string old = Path.Combine(Root, $".old-{name}-{Guid.NewGuid():N}");
            Directory.Move(final, old);
            Directory.Move(temp, final);
            TryDelete(old);
        }
        else
        {
            Directory.Move(temp, final);
        }
        return manifest;
    }

    // A set folder with a corrupt manifest counts as absent here so that a fetch replaces it.
    private DataManifest? TryGetManifestOrNull(string name)
    {
        try
        {
            return TryGetManifest(name);
        }
        catch (DataException)
        {
            return null;
        }
    }

    private FileStream AcquireLock(string name, Action<string>? log)
    {
        string path = Path.Combine(Root, $".lock-{name}");
        DateTime deadline = DateTime.UtcNow + LockTimeout;
        bool told = false;
        while (true)
        {
            try
            {
                // FileShare.None takes an exclusive advisory lock (flock on Unix) held until disposal.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                if (!told) log?.Invoke($"waiting for another process that is fetching {name} ({path})");
                told = true;
                Thread.Sleep(200);
            }
            catch (IOException e)
            {
                throw new DataException($"{path}: still locked by another fetch of {name} after {LockTimeout.TotalMinutes:0} minutes", e);
            }
        }
    }

    private void RemoveLeftovers(string name)
    {
        foreach (string prefix in new[] { ".tmp-", ".old-" })
            foreach (string leftover in Directory.EnumerateDirectories(Root, $"{prefix}{name}-*"))
                if (IsGuidSuffix(Path.GetFileName(leftover).AsSpan(prefix.Length + name.Length + 1)))
                    TryDelete(leftover);
    }

    private static bool IsGuidSuffix(ReadOnlySpan<char> suffix) =>
        suffix.Length == 32 && !suffix.ContainsAnyExcept("0123456789abcdef");

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover that cannot be removed now is removed by a later fetch; it is never read.
        }
    }
}
