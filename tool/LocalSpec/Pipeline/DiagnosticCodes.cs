namespace LocalSpec.Pipeline;

/// <summary>
/// The <c>LSPnnn</c> codes of <see cref="PipelineDiagnostic"/>: 0xx are manifest errors found
/// before anything runs (nothing reaches the cache), 1xx are stage failures at run time.
/// docs/manifest.md lists them with <see cref="Meanings"/>.
/// </summary>
public static class DiagnosticCodes
{
    /// <summary>The file is not valid YAML (reported at the parser's position).</summary>
    public const string YamlSyntax = "LSP001";

    /// <summary>A field the manifest format does not have (often a typo).</summary>
    public const string UnknownField = "LSP002";

    /// <summary>A value of the wrong type, e.g. text where an integer belongs.</summary>
    public const string WrongType = "LSP003";

    /// <summary>A value of the right type outside the allowed range or pattern.</summary>
    public const string OutOfRange = "LSP004";

    /// <summary>A data set name the catalog does not know.</summary>
    public const string UnknownDataset = "LSP005";

    /// <summary>A proxy (or proxy family) name that does not exist.</summary>
    public const string UnknownProxy = "LSP006";

    /// <summary>Any other unknown name: architecture preset, graph kind, scope, accuracy, kernel norm, manifest or set.</summary>
    public const string UnknownName = "LSP007";

    /// <summary>A required field is missing or empty.</summary>
    public const string MissingField = "LSP008";

    /// <summary>A field, list value or manifest name given twice.</summary>
    public const string Duplicate = "LSP009";

    /// <summary>A file the manifest names (or the manifest itself) does not exist.</summary>
    public const string FileNotFound = "LSP010";

    /// <summary>Two fields that exclude each other, e.g. <c>models</c> and <c>training</c>.</summary>
    public const string Conflict = "LSP011";

    /// <summary>A stage failed while running.</summary>
    public const string StageFailed = "LSP100";

    /// <summary>A data set could not be fetched or loaded.</summary>
    public const string DataUnavailable = "LSP101";

    /// <summary>Warning: a stored artifact failed verification (tampered or truncated) and is rebuilt.</summary>
    public const string CacheCorrupt = "LSP102";

    /// <summary>The cache lock could not be acquired.</summary>
    public const string CacheLocked = "LSP103";

    /// <summary>The disk filled up while writing an artifact.</summary>
    public const string DiskFull = "LSP104";

    /// <summary>localspec.lock is not a lock file LocalSpec can read (hand-edited or truncated).</summary>
    public const string LockFileCorrupt = "LSP105";

    /// <summary>Every code with a one-line meaning, in code order (for docs/manifest.md and help texts).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Meanings { get; } =
    [
        new(YamlSyntax, "the file is not valid YAML; reported where the YAML parser stopped"),
        new(UnknownField, "a field the manifest format does not have; the message lists the known fields of that section"),
        new(WrongType, "a value of the wrong type (e.g. `k: sixteen`, a list where a mapping belongs)"),
        new(OutOfRange, "a value outside its range or pattern (e.g. `k: 0`, an empty list, a name with capitals)"),
        new(UnknownDataset, "a data set the catalog does not know; the message lists the known ones"),
        new(UnknownProxy, "a proxy or proxy family that does not exist; the message lists the known ones"),
        new(UnknownName, "another unknown name: architecture preset, graph kind, scope, kernel norm, accuracy, or an experiment or set in `-p:Experiments`"),
        new(MissingField, "a required field is missing or empty"),
        new(Duplicate, "a field, a list value or a manifest name given twice"),
        new(FileNotFound, "a file the manifest names does not exist (paths are relative to the manifest's folder)"),
        new(Conflict, "two fields that exclude each other (`models` with `training`)"),
        new(StageFailed, "a stage failed while running"),
        new(DataUnavailable, "a data set could not be fetched or loaded"),
        new(CacheCorrupt, "warning: a stored artifact failed verification and is rebuilt"),
        new(CacheLocked, "the cache lock could not be acquired"),
        new(DiskFull, "the disk filled up while writing an artifact"),
        new(LockFileCorrupt, "localspec.lock cannot be read (hand-edited or truncated); delete it and run again — the cache is untouched"),
    ];
}
