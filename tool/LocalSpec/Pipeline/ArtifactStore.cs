using System.Text.RegularExpressions;

namespace LocalSpec.Pipeline;

/// <summary>
/// The content-addressed cache of stage outputs (ARCHITECTURE.md "Cache and incrementality"):
/// <c>&lt;root&gt;/&lt;kind&gt;/&lt;key[:2]&gt;/&lt;key&gt;/</c> holds the stage's files plus artifact.json
/// (<c>{"kind", "key", "key_input", "files": {name: {"sha256", "size"}}}</c>). An artifact is built in
/// <c>&lt;root&gt;/tmp/</c> and renamed into place whole, so a reader sees a complete artifact or none,
/// and every open re-hashes its files, so a tampered artifact is noticed, removed and rebuilt
/// rather than trusted. The same root may be shared by several processes: per-key locks keep two
/// runs from building one artifact at once, and a lost race keeps the first artifact.
/// </summary>
public sealed partial class ArtifactStore
{
    internal const string TempFolder = "tmp";
    internal const string LocksFolder = "locks";

    /// <summary>The store's own file in every artifact folder; a stage may not write a file of this name.</summary>
    public const string ArtifactJsonName = "artifact.json";

    public ArtifactStore(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    private string TempRoot => Path.Combine(Root, TempFolder);

    /// <summary><c>&lt;repository&gt;/.localspec/cache</c>, the default root.</summary>
    public static string DefaultRoot(string repositoryRoot) => Path.Combine(repositoryRoot, ".localspec", "cache");

    /// <summary>
    /// Raised after <see cref="TryOpen"/> removed an artifact that failed verification (the runner
    /// logs LSP102 and rebuilds). Handlers run on the calling thread.
    /// </summary>
    public event Action<ArtifactCorruption>? CorruptArtifactRemoved;

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex KeyPattern();

    /// <summary>Where the artifact of (<paramref name="kind"/>, <paramref name="key"/>) lives, whether or not it exists.</summary>
    public string DirectoryOf(string kind, string key)
    {
        ValidateKindAndKey(kind, key);
        return Path.Combine(Root, kind, key[..2], key);
    }

    private static void ValidateKindAndKey(string kind, string key)
    {
        // Kind validation lives in StageKeyInput; constructing a throwaway key input would cost a hash.
        if (kind is null || kind.Length == 0 || kind is TempFolder or LocksFolder
            || kind.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_')))
            throw new ArgumentException($"'{kind}' is not a valid stage kind.", nameof(kind));
        if (key is null || !KeyPattern().IsMatch(key))
            throw new ArgumentException($"'{key}' is not a stage key (64 lower-case hex digits).", nameof(key));
    }

    /// <summary>
    /// The artifact, after checking that artifact.json is intact, names this kind and key, and that every
    /// file it lists is present with its recorded size and SHA-256 and no other file is. Null when there is
    /// no artifact — or when it failed the check: then it is removed and <see cref="CorruptArtifactRemoved"/>
    /// is raised. Folders in tmp/ (interrupted builds) are never looked at.
    /// </summary>
    /// <remarks>
    /// Safe without a lock for artifacts nobody tampers with (they appear whole and never change). When
    /// a null result leads to a rebuild, call it under <see cref="AcquireKeyLock"/>, so that a corrupt
    /// artifact is removed by the same holder that rebuilds it.
    /// </remarks>
    public ArtifactHandle? TryOpen(string kind, string key)
    {
        string directory = DirectoryOf(kind, key);
        if (!Directory.Exists(directory)) return null;
        var problems = new List<string>();
        ArtifactHandle? handle;
        try
        {
            handle = Verify(kind, key, directory, problems);
        }
        catch (DirectoryNotFoundException)
        {
            return null; // removed by another process while we looked
        }
        if (handle is not null) return handle;
        if (MoveAsideAndDelete(directory))
            CorruptArtifactRemoved?.Invoke(new ArtifactCorruption(kind, key, directory, problems));
        return null;
    }

    private static ArtifactHandle? Verify(string kind, string key, string directory, List<string> problems)
    {
        ArtifactHandle recorded;
        try
        {
            recorded = ArtifactJson.Read(directory);
        }
        catch (FileNotFoundException)
        {
            problems.Add($"{ArtifactJsonName} is missing");
            return null;
        }
        catch (InvalidDataException ex)
        {
            problems.Add(ex.Message);
            return null;
        }
        if (recorded.Kind != kind || recorded.Key != key)
            problems.Add($"{ArtifactJsonName} names {recorded.Kind} {recorded.Key}");
        string keyOfInput = recorded.KeyInput.Key;
        if (keyOfInput != key)
            problems.Add($"its key_input hashes to {keyOfInput}, not to the folder's key");

        var present = FilesUnder(directory).ToHashSet(StringComparer.Ordinal);
        foreach (string extra in present.Where(name => !recorded.Files.ContainsKey(name)).Order(StringComparer.Ordinal))
            problems.Add($"unexpected file {extra}");
        foreach (var (name, expected) in recorded.Files)
        {
            if (!present.Contains(name))
            {
                problems.Add($"file {name} is missing");
                continue;
            }
            ArtifactFile actual;
            try
            {
                actual = FileHash.Describe(recorded.PathOf(name));
            }
            catch (FileNotFoundException)
            {
                problems.Add($"file {name} is missing");
                continue;
            }
            if (actual.Size != expected.Size)
                problems.Add($"file {name} has {actual.Size} bytes, expected {expected.Size}");
            else if (actual.Sha256 != expected.Sha256)
                problems.Add($"file {name} has SHA-256 {actual.Sha256[..12]}…, expected {expected.Sha256[..Math.Min(12, expected.Sha256.Length)]}…");
        }
        return problems.Count == 0 ? recorded : null;
    }

    /// <summary>Relative names ('/'-separated) of the files under an artifact folder, artifact.json excluded.</summary>
    private static IEnumerable<string> FilesUnder(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(directory, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(name => name != ArtifactJsonName);

    /// <summary>
    /// Builds the artifact of <paramref name="keyInput"/>: <paramref name="produce"/> writes the stage's files
    /// into the empty folder it is given (subfolders allowed; not artifact.json); then each file is hashed
    /// and flushed to disk, artifact.json is written, and the folder is renamed into place in one step.
    /// If another process committed the same key meanwhile, its artifact is kept and returned. Hold
    /// <see cref="AcquireKeyLock"/> around TryOpen + Commit to avoid building twice.
    /// </summary>
    /// <exception cref="ArtifactWriteException">An I/O error (such as a full disk) while producing or sealing; nothing is left behind.</exception>
    /// <remarks>Any other exception from <paramref name="produce"/> propagates unchanged, also after the temporary folder is deleted.</remarks>
    public ArtifactHandle Commit(StageKeyInput keyInput, Action<string> produce)
    {
        ArgumentNullException.ThrowIfNull(keyInput);
        ArgumentNullException.ThrowIfNull(produce);
        string kind = keyInput.Kind, key = keyInput.Key;
        string final = DirectoryOf(kind, key);
        using var temp = ArtifactTempDirectory.Reserve(TempRoot, $"{kind}-{key[..16]}", create: true);
        IReadOnlyDictionary<string, ArtifactFile> files;
        try
        {
            produce(temp.Path);
            files = Seal(kind, temp.Path);
            var record = new ArtifactHandle(kind, key, temp.Path, keyInput, files);
            WriteDurably(Path.Combine(temp.Path, ArtifactJsonName), ArtifactJson.Bytes(record));
            Directory.CreateDirectory(Path.GetDirectoryName(final)!);
        }
        catch (IOException ex) when (ex is not ArtifactWriteException)
        {
            ArtifactTempDirectory.DeleteTree(temp.Path);
            throw new ArtifactWriteException(kind, temp.Path, ex);
        }
        catch
        {
            ArtifactTempDirectory.DeleteTree(temp.Path);
            throw;
        }

        for (int attempt = 0; ; attempt++)
        {
            try
            {
                Directory.Move(temp.Path, final);
                return new ArtifactHandle(kind, key, final, keyInput, files);
            }
            catch (IOException) when (Directory.Exists(final) && attempt < 3)
            {
                // Another process won the race. Keep its artifact if it verifies; if it does not, TryOpen
                // has just removed it and ours goes in on the next attempt.
                if (TryOpen(kind, key) is { } theirs) return theirs;
            }
            catch (IOException ex)
            {
                throw new ArtifactWriteException(kind, temp.Path, ex);
            }
        }
    }

    /// <summary>Hashes and fsyncs every produced file; returns the table for artifact.json.</summary>
    private static SortedDictionary<string, ArtifactFile> Seal(string kind, string directory)
    {
        var files = new SortedDictionary<string, ArtifactFile>(StringComparer.Ordinal);
        if (File.Exists(Path.Combine(directory, ArtifactJsonName)))
            throw new InvalidOperationException($"The {kind} stage wrote {ArtifactJsonName}, a name the artifact store reserves for itself.");
        foreach (string name in FilesUnder(directory))
        {
            string path = Path.Combine([directory, .. name.Split('/')]);
            // Opened for writing only so that Flush(true) reaches fsync; nothing is written.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            files[name] = FileHash.Describe(stream);
            stream.Flush(flushToDisk: true);
        }
        return files;
    }

    private static void WriteDurably(string path, byte[] bytes)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>
    /// Exclusive, cross-process lock on one key (<c>&lt;root&gt;/locks/&lt;key&gt;.lock</c>), waited for until
    /// <paramref name="ct"/> is cancelled. Released by disposing, or by the kernel if the process dies.
    /// Not re-entrant: a second acquisition of the same key waits, also within one process.
    /// </summary>
    /// <param name="onWait">Called once if the lock is busy, before waiting (e.g. to print "waiting for another run").</param>
    public IDisposable AcquireKeyLock(string kind, string key, CancellationToken ct, Action? onWait = null)
    {
        ValidateKindAndKey(kind, key);
        return FileLock.Acquire(KeyLockPath(key), ct, onWait);
    }

    private string KeyLockPath(string key) => Path.Combine(Root, LocksFolder, key + ".lock");

    /// <summary>Every artifact whose artifact.json parses, sorted by kind then key; files are not re-hashed.</summary>
    public IReadOnlyList<ArtifactHandle> List()
    {
        var handles = new List<ArtifactHandle>();
        foreach (var (kind, key, directory) in ArtifactFolders())
        {
            try
            {
                var a = ArtifactJson.Read(directory);
                if (a.Kind == kind && a.Key == key) handles.Add(a);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException)
            {
                // Unreadable: not listed; TryOpen removes it when the stage next needs it.
            }
        }
        return handles;
    }

    private IEnumerable<(string Kind, string Key, string Directory)> ArtifactFolders()
    {
        if (!Directory.Exists(Root)) yield break;
        foreach (string kindDir in Directory.GetDirectories(Root).Order(StringComparer.Ordinal))
        {
            string kind = Path.GetFileName(kindDir);
            if (kind is TempFolder or LocksFolder) continue;
            foreach (string prefixDir in Directory.GetDirectories(kindDir).Order(StringComparer.Ordinal))
            {
                foreach (string directory in Directory.GetDirectories(prefixDir).Order(StringComparer.Ordinal))
                {
                    string key = Path.GetFileName(directory);
                    if (KeyPattern().IsMatch(key) && key.StartsWith(Path.GetFileName(prefixDir), StringComparison.Ordinal))
                        yield return (kind, key, directory);
                }
            }
        }
    }

    /// <summary>Removes an artifact (renamed aside first, so concurrent readers see it whole or not at all).</summary>
    public void Remove(ArtifactHandle h)
    {
        ArgumentNullException.ThrowIfNull(h);
        MoveAsideAndDelete(DirectoryOf(h.Kind, h.Key));
    }

    /// <summary>
    /// For <c>localspec clean --unused</c>: removes every artifact whose key is not in <paramref name="keys"/>
    /// (the keys referenced by all lock files), skipping any whose key lock is held (being built right now),
    /// and the lock files of unreferenced keys. Run it when no build is in progress: an artifact committed
    /// by a running build but not yet recorded in a lock file looks unreferenced.
    /// </summary>
    /// <returns>How many artifacts were removed, and their bytes on disk (artifact.json included).</returns>
    public StoreRemoval RemoveUnreferenced(IReadOnlySet<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        int count = 0;
        long bytes = 0;
        foreach (var (_, key, directory) in ArtifactFolders().ToList())
        {
            if (keys.Contains(key)) continue;
            using var held = FileLock.TryAcquire(KeyLockPath(key));
            if (held is null) continue;
            long size = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            if (MoveAsideAndDelete(directory))
            {
                count++;
                bytes += size;
            }
            // Deleting a lock file is only safe when no one waits on it; if a run does wait on this
            // unreferenced key, the worst case is that two runs build it, and Commit keeps one.
            held.DeleteFile();
        }
        string locks = Path.Combine(Root, LocksFolder);
        if (Directory.Exists(locks))
        {
            foreach (string lockFile in Directory.GetFiles(locks, "*.lock"))
            {
                if (keys.Contains(Path.GetFileNameWithoutExtension(lockFile))) continue;
                using var held = FileLock.TryAcquire(lockFile);
                held?.DeleteFile();
            }
        }
        return new StoreRemoval(count, bytes);
    }

    /// <summary>
    /// Deletes what killed or crashed runs left in tmp/ (half-built artifacts, half-deleted ones): every
    /// folder whose lock no live process holds, and orphaned lock files. Returns the number of folders removed.
    /// </summary>
    public int CleanTemp()
    {
        if (!Directory.Exists(TempRoot)) return 0;
        int removed = 0;
        foreach (string directory in Directory.GetDirectories(TempRoot))
        {
            using var held = FileLock.TryAcquire(directory + ".lock");
            if (held is null) continue; // a live process is building or deleting it
            if (ArtifactTempDirectory.DeleteTree(directory))
            {
                removed++;
                held.DeleteFile();
            }
        }
        foreach (string lockFile in Directory.GetFiles(TempRoot, "*.lock"))
        {
            if (Directory.Exists(lockFile[..^".lock".Length])) continue;
            using var held = FileLock.TryAcquire(lockFile);
            held?.DeleteFile();
        }
        return removed;
    }

    /// <summary>Renames <paramref name="directory"/> into tmp/ and deletes it there; false if it was already gone.</summary>
    private bool MoveAsideAndDelete(string directory)
    {
        using var trash = ArtifactTempDirectory.Reserve(TempRoot, "trash", create: false);
        try
        {
            Directory.Move(directory, trash.Path);
            return true;
        }
        catch (DirectoryNotFoundException)
        {
            return false;
        }
        catch (IOException) when (!Directory.Exists(directory))
        {
            return false; // removed by another process in the meantime
        }
    }
}
