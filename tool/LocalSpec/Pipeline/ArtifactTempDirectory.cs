namespace LocalSpec.Pipeline;

/// <summary>
/// A working folder under the store's tmp/ with a lock file beside it (<c>name.lock</c>), taken
/// before the folder exists and held until the folder is gone (renamed into place or deleted).
/// <see cref="ArtifactStore.CleanTemp"/> deletes a folder only after taking its lock, so it never
/// touches one a live process is writing, and always reclaims one whose writer was killed.
/// </summary>
internal sealed class ArtifactTempDirectory : IDisposable
{
    private readonly FileLock _lock;

    private ArtifactTempDirectory(string path, FileLock held)
    {
        Path = path;
        _lock = held;
    }

    public string Path { get; }

    /// <summary>Reserves a fresh name; creates the folder when <paramref name="create"/> (a rename target must not exist).</summary>
    public static ArtifactTempDirectory Reserve(string tempRoot, string prefix, bool create)
    {
        Directory.CreateDirectory(tempRoot);
        for (int attempt = 0; ; attempt++)
        {
            string path = System.IO.Path.Combine(tempRoot, $"{prefix}-{Guid.NewGuid():N}");
            // A concurrent CleanTemp may lock a lock file in the instant between its creation and our
            // flock; it then deletes it, and we simply take another name.
            var held = FileLock.TryCreateNew(path + ".lock");
            if (held is null)
            {
                if (attempt < 8) continue;
                throw new IOException($"{tempRoot}: could not reserve a temporary folder (its lock files are being taken by another process)");
            }
            if (create) Directory.CreateDirectory(path);
            return new ArtifactTempDirectory(path, held);
        }
    }

    /// <summary>Deletes the folder if it is still here, then the lock file, then releases the lock.</summary>
    public void Dispose()
    {
        DeleteTree(Path);
        _lock.DeleteFile();
        _lock.Dispose();
    }

    /// <summary>Best-effort recursive delete; false when something was left (CleanTemp retries later).</summary>
    public static bool DeleteTree(string path)
    {
        try
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
            return true;
        }
        catch (DirectoryNotFoundException)
        {
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
