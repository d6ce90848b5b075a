namespace LocalSpec.Pipeline;

/// <summary>
/// An I/O failure while a stage wrote its artifact (the temporary folder is already deleted).
/// The message names the stage kind and the path; <see cref="IsDiskFull"/> lets the runner report LSP104.
/// </summary>
public sealed class ArtifactWriteException : IOException
{
    public ArtifactWriteException(string kind, string path, IOException inner)
        : base(MessageFor(kind, path, inner), inner)
    {
        Kind = kind;
        Path = path;
        IsDiskFull = IsDiskFullError(inner);
        HResult = inner.HResult;
    }

    public string Kind { get; }

    /// <summary>The temporary artifact folder the stage was writing into.</summary>
    public string Path { get; }

    public bool IsDiskFull { get; }

    /// <summary>ENOSPC (28) or EDQUOT (122 on Linux, 69 on macOS) on Unix; ERROR_HANDLE_DISK_FULL / ERROR_DISK_FULL on Windows.</summary>
    internal static bool IsDiskFullError(IOException ex) =>
        ex.HResult is 28 or 122 or 69 or unchecked((int)0x80070027) or unchecked((int)0x80070070);

    private static string MessageFor(string kind, string path, IOException inner)
    {
        string reason = inner.Message.ReplaceLineEndings(" ");
        return IsDiskFullError(inner)
            ? $"{kind} stage: the disk is full while writing its artifact in {path} ({reason}); free some space (`localspec clean --unused` drops unreferenced artifacts) and run again"
            : $"{kind} stage: I/O error while producing its artifact in {path} ({reason})";
    }
}
