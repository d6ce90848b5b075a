namespace LocalSpec.Pipeline;

/// <summary>
/// An exclusive lock between processes (and between threads of one process) on a lock file. On
/// Unix, .NET turns <see cref="FileShare.None"/> into an advisory <c>flock(LOCK_EX|LOCK_NB)</c> on the
/// open file, and Windows enforces the share mode; either way the kernel drops the lock when the
/// holder exits, even by SIGKILL, so a killed run never leaves a stale lock behind. Lock files are
/// left in place on release: deleting one while another process waits on it would let a third
/// process lock a fresh file under the same name. (Setting DOTNET_SYSTEM_IO_DISABLEFILELOCKING, or a
/// file system without flock, turns the lock off; the store stays correct, only duplicate work becomes possible.)
/// </summary>
public sealed class FileLock : IDisposable
{
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromMilliseconds(250);

    private FileStream? _stream;

    private FileLock(string path, FileStream stream)
    {
        Path = path;
        _stream = stream;
    }

    /// <summary>The lock file.</summary>
    public string Path { get; }

    /// <summary>Takes the lock now, or returns null when another holder has it. Creates the file and its folder if needed.</summary>
    public static FileLock? TryAcquire(string path) => TryOpen(path, FileMode.OpenOrCreate);

    /// <summary>
    /// Waits (polling, 10 ms growing to 250 ms) until the lock is free and takes it.
    /// <paramref name="onWait"/> is called once, before the first wait, so a caller can say what it waits for.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled while waiting.</exception>
    public static FileLock Acquire(string path, CancellationToken ct, Action? onWait = null)
    {
        var delay = FirstPoll;
        bool told = false;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (TryAcquire(path) is { } taken) return taken;
            if (!told)
            {
                onWait?.Invoke();
                told = true;
            }
            if (ct.WaitHandle.WaitOne(delay)) ct.ThrowIfCancellationRequested();
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestPoll.Ticks));
        }
    }

    /// <summary>Creates <paramref name="path"/> (which must not exist) and locks it; null if someone locked it first.</summary>
    internal static FileLock? TryCreateNew(string path) => TryOpen(path, FileMode.CreateNew);

    private static FileLock? TryOpen(string path, FileMode mode)
    {
        string full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        try
        {
            var stream = new FileStream(full, mode, FileAccess.ReadWrite, FileShare.None, bufferSize: 1, FileOptions.None);
            return new FileLock(full, stream);
        }
        catch (IOException ex) when (IsHeldElsewhere(ex))
        {
            return null;
        }
    }

    /// <summary>EWOULDBLOCK from flock (Linux 11, macOS 35), or Windows' sharing/lock violation.</summary>
    internal static bool IsHeldElsewhere(IOException ex) =>
        ex is not (FileNotFoundException or DirectoryNotFoundException or PathTooLongException)
        && (ex.HResult is 11 or 35 or unchecked((int)0x80070020) or unchecked((int)0x80070021));

    /// <summary>Deletes the lock file while still holding it (safe only for files no one else will wait on).</summary>
    internal void DeleteFile()
    {
        try
        {
            File.Delete(Path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover empty lock file is harmless; CleanTemp removes it later.
        }
    }

    public void Dispose()
    {
        _stream?.Dispose();
        _stream = null;
    }
}
