namespace LocalSpec.Pipeline;

/// <summary>
/// The <c>LSPnnn</c> codes of <see cref="PipelineDiagnostic"/>: 0xx are manifest errors, 1xx are
/// failures while running stages.
/// </summary>
public static class DiagnosticCodes
{
    public const string YamlSyntax = "LSP001";
    public const string UnknownField = "LSP002";
    public const string WrongType = "LSP003";
    public const string OutOfRange = "LSP004";
    public const string UnknownDataset = "LSP005";
    public const string UnknownProxy = "LSP006";
    public const string UnknownName = "LSP007";
    public const string MissingField = "LSP008";
    public const string Duplicate = "LSP009";
    public const string FileNotFound = "LSP010";

    public const string StageFailed = "LSP100";
    public const string DataUnavailable = "LSP101";

    /// <summary>Warning: a cached artifact failed verification (missing, extra or altered file) and is rebuilt.</summary>
    public const string CacheCorrupt = "LSP102";

    public const string CacheLocked = "LSP103";
    public const string DiskFull = "LSP104";

    /// <summary>A <c>localspec.lock</c> that is not valid JSON or not in the lock-file format; deleting it is safe.</summary>
    public const string LockFileCorrupt = "LSP105";
}
