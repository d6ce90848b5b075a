using System.Text.Json;
using System.Text.Json.Nodes;
using LocalSpec.Nn.Safetensors;

namespace LocalSpec.Pipeline;

/// <summary>
/// <c>localspec.lock</c>, one per manifest folder (the analogue of dvc.lock): for each manifest name a
/// section, for each stage instance its kind, key, key input and output hashes. Sections and entries
/// are sorted ordinally and keys come in a fixed order, so the same state gives the same bytes and a
/// change of k shows as a small diff. Immutable: <see cref="With"/> returns a new lock file.
/// <code>
/// {
///   "version": 1,
///   "manifests": {
///     "mlp-mnist10k": {
///       "partition/weights/network/k16@r0": {
///         "kind": "partition",
///         "key": "…",
///         "key_input": { "schema": …, "kind": …, "format_version": 1, "parameters": {…one line…}, "upstream": {…}, "input_files": {…} },
///         "outputs": { "partition.json": {"sha256":"…","size":123} }
/// </code>
/// </summary>
public sealed class LockFile
{
    public const string FileName = "localspec.lock";

    /// <summary>The "version" field; a lock file of another version is reported as corrupt.</summary>
    public const int Version = 1;

    private readonly SortedDictionary<string, IReadOnlyList<LockEntry>> _sections;

    private LockFile(SortedDictionary<string, IReadOnlyList<LockEntry>> sections) => _sections = sections;

    public static LockFile Empty { get; } = new(new SortedDictionary<string, IReadOnlyList<LockEntry>>(StringComparer.Ordinal));

    /// <summary>The lock file that records <paramref name="manifestPath"/>: localspec.lock in the same folder.</summary>
    public static string PathFor(string manifestPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(manifestPath))!, FileName);

    /// <summary>Manifest names with a section, sorted.</summary>
    public IReadOnlyList<string> Manifests => _sections.Keys.ToList();

    /// <summary>The entries of one manifest, sorted by stage; empty when it has no section.</summary>
    public IReadOnlyList<LockEntry> Entries(string manifest) =>
        _sections.TryGetValue(manifest, out var entries) ? entries : [];

    public LockEntry? Find(string manifest, string stage) =>
        Entries(manifest).FirstOrDefault(e => e.Stage == stage);

    /// <summary>Every key any section references: what <see cref="ArtifactStore.RemoveUnreferenced"/> must keep.</summary>
    public IReadOnlySet<string> ReferencedKeys =>
        _sections.Values.SelectMany(entries => entries.Select(e => e.Key)).ToHashSet(StringComparer.Ordinal);

    /// <summary>Replaces the section of <paramref name="manifest"/> (no entries → the section is dropped).</summary>
    /// <exception cref="ArgumentException">Two entries share a stage name.</exception>
    public LockFile With(string manifest, IEnumerable<LockEntry> entries)
    {
        ArgumentException.ThrowIfNullOrEmpty(manifest);
        ArgumentNullException.ThrowIfNull(entries);
        var sorted = entries.OrderBy(e => e.Stage, StringComparer.Ordinal).ToList();
        for (int i = 1; i < sorted.Count; i++)
        {
            if (sorted[i].Stage == sorted[i - 1].Stage)
                throw new ArgumentException($"Manifest {manifest}: two lock entries for stage {sorted[i].Stage}.", nameof(entries));
        }
        var sections = new SortedDictionary<string, IReadOnlyList<LockEntry>>(_sections, StringComparer.Ordinal);
        if (sorted.Count == 0) sections.Remove(manifest);
        else sections[manifest] = sorted.AsReadOnly();
        return new LockFile(sections);
    }

    public LockFile Without(string manifest) => With(manifest, []);

    /// <summary>Reads a lock file; a missing file is an empty lock file.</summary>
    /// <exception cref="PipelineException">LSP105 naming the file: not valid JSON or not in this format.</exception>
    public static LockFile Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Empty;
        }
        return Parse(bytes, path);
    }

    /// <summary>Parses lock-file bytes; <paramref name="path"/> is only for the diagnostic.</summary>
    public static LockFile Parse(ReadOnlySpan<byte> utf8, string path)
    {
        try
        {
            var root = JsonNode.Parse(utf8, documentOptions: PipelineJson.ReadOptions) as JsonObject
                ?? throw new InvalidDataException("the document is not a JSON object");
            if (root["version"] is not JsonValue v || v.ToJsonString() != "1")
                throw new InvalidDataException($"\"version\" must be {Version}");
            var sections = new SortedDictionary<string, IReadOnlyList<LockEntry>>(StringComparer.Ordinal);
            foreach (var (manifest, section) in PipelineJson.RequiredObject(root, "manifests", ""))
            {
                if (section is not JsonObject stages) throw new InvalidDataException($"manifest {manifest}: must be an object");
                var entries = new List<LockEntry>();
                foreach (var (stage, node) in stages)
                {
                    string where = $"manifest {manifest}, stage {stage}: ";
                    if (node is not JsonObject e) throw new InvalidDataException($"{where}must be an object");
                    try
                    {
                        entries.Add(new LockEntry(stage,
                            PipelineJson.RequiredString(e, "kind", ""),
                            PipelineJson.RequiredString(e, "key", ""),
                            StageKeyInput.FromJson(PipelineJson.RequiredObject(e, "key_input", "")),
                            PipelineJson.ReadFiles(e["outputs"], "outputs")));
                    }
                    catch (InvalidDataException ex)
                    {
                        throw new InvalidDataException(where + ex.Message, ex);
                    }
                }
                if (entries.Count > 0)
                    sections[manifest] = entries.OrderBy(x => x.Stage, StringComparer.Ordinal).ToList().AsReadOnly();
            }
            return new LockFile(sections);
        }
        catch (JsonException ex)
        {
            int line = (int)(ex.LineNumber ?? -1) + 1, column = (int)(ex.BytePositionInLine ?? -1) + 1;
            throw Corrupt(path, line, column, $"not valid JSON ({FirstSentence(ex.Message)})", ex);
        }
        catch (Exception ex) when (ex is InvalidDataException or ArgumentException or InvalidOperationException)
        {
            // ArgumentException/InvalidOperationException: duplicate names or a value of the wrong JSON kind.
            throw Corrupt(path, 0, 0, ex.Message, ex);
        }
    }

    private static string FirstSentence(string message)
    {
        int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
    }

    private static PipelineException Corrupt(string path, int line, int column, string reason, Exception inner) =>
        new([new PipelineDiagnostic(path, line, column, DiagnosticCodes.LockFileCorrupt,
            $"not a valid {FileName}: {reason}; delete it and run again (the cached artifacts are reused)")], inner);

    /// <summary>The file's bytes: UTF-8, 2-space indent, '\n' line ends, trailing newline.</summary>
    public byte[] ToUtf8Bytes() => PipelineJson.Document(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("version", Version);
        w.WriteStartObject("manifests");
        foreach (var (manifest, entries) in _sections)
        {
            w.WriteStartObject(manifest);
            foreach (var e in entries)
            {
                w.WriteStartObject(e.Stage);
                w.WriteString("kind", e.Kind);
                w.WriteString("key", e.Key);
                PipelineJson.WriteKeyInput(w, "key_input", e.KeyInput);
                PipelineJson.WriteFiles(w, "outputs", e.Outputs);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteEndObject();
    });

    /// <summary>Writes atomically unless the file already has these bytes (then its timestamp is kept). Returns whether it wrote.</summary>
    public bool WriteIfChanged(string path) => AtomicFile.WriteIfChanged(path, ToUtf8Bytes());

    /// <summary>The exclusive lock (<c>&lt;path&gt;.lk</c>) under which a lock file is read, changed and written.</summary>
    public static IDisposable AcquireLock(string path, CancellationToken ct, Action? onWait = null) =>
        FileLock.Acquire(path + ".lk", ct, onWait);

    /// <summary>
    /// Read-modify-write under <see cref="AcquireLock"/>, so manifests of one folder built in parallel
    /// (MSBuild <c>-m</c>) never drop each other's sections. Returns whether the file changed.
    /// </summary>
    public static bool Update(string path, Func<LockFile, LockFile> change, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        using var held = AcquireLock(path, ct);
        return change(Read(path)).WriteIfChanged(path);
    }
}
