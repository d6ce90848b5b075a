using System.Buffers.Binary;

namespace LocalSpec.Nn.Safetensors;

/// <summary>
/// Writes safetensors files deterministically: the same tensors and metadata always give the same
/// bytes. Layout: <c>__metadata__</c> first (keys in ordinal order; omitted when there is none),
/// then the tensors in the order given, their data contiguous in that order; compact JSON padded
/// with spaces to a multiple of 8 bytes, as the reference writer does. Unlike the reference writer,
/// tensors are not re-sorted by dtype and name: the caller's order is kept.
/// </summary>
public static class SafetensorsWriter
{
    /// <summary>The whole file as bytes.</summary>
    /// <exception cref="ArgumentException">Duplicate or reserved tensor names, a string with an unpaired surrogate, or a file too large.</exception>
    public static byte[] Serialize(IEnumerable<NamedTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var list = tensors.ToList();
        var sortedMetadata = CheckMetadata(metadata);
        var placed = Place(list);
        byte[] header = SafetensorsHeaderWriter.Build(sortedMetadata, placed);
        if (header.Length > SafetensorsFile.MaxHeaderBytes)
            throw new ArgumentException($"The header would be {header.Length} bytes, over the {SafetensorsFile.MaxHeaderBytes}-byte limit readers enforce.", nameof(tensors));

        long dataBytes = placed.Count == 0 ? 0 : placed[^1].End;
        long total = 8 + header.Length + dataBytes;
        if (total > Array.MaxLength)
            throw new ArgumentException($"The file would be {total} bytes, more than one array can hold.", nameof(tensors));

        var file = new byte[total];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)header.Length);
        header.CopyTo(file, 8);
        int dataStart = 8 + header.Length;
        foreach (var (tensor, begin, end) in placed)
            tensor.WriteLittleEndian(file.AsSpan(dataStart + (int)begin, (int)(end - begin)));
        return file;
    }

    /// <summary>
    /// Writes the file atomically: to a temporary file in the same directory, flushed to disk, then
    /// renamed over <paramref name="path"/>. On failure the temporary file is deleted and an
    /// existing file at <paramref name="path"/> is left as it was. If the file already holds exactly
    /// these bytes it is not rewritten, so its timestamp stays.
    /// </summary>
    /// <returns>True if the file was written, false if it already had this content.</returns>
    /// <exception cref="IOException">Writing failed (disk full, no permission, missing directory); the message names the file.</exception>
    /// <exception cref="ArgumentException">As for <see cref="Serialize"/>.</exception>
    public static bool Write(string path, IEnumerable<NamedTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null) =>
        Write(path, tensors, metadata, wrapStream: null);

    /// <param name="wrapStream">Test seam: wraps the temporary file's stream (e.g. to simulate a full disk).</param>
    internal static bool Write(string path, IEnumerable<NamedTensor> tensors, IReadOnlyDictionary<string, string>? metadata,
        Func<Stream, Stream>? wrapStream)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes = Serialize(tensors, metadata);
        if (HasContent(path, bytes)) return false;
        AtomicFile.Write(path, bytes, wrapStream);
        return true;
    }

    private static List<KeyValuePair<string, string>> CheckMetadata(IReadOnlyDictionary<string, string>? metadata)
    {
        if (metadata is null) return [];
        foreach (var (key, value) in metadata)
        {
            if (key is null || value is null)
                throw new ArgumentException("Metadata keys and values must not be null.", nameof(metadata));
            if (!SafetensorsHeaderWriter.IsEncodable(key) || !SafetensorsHeaderWriter.IsEncodable(value))
                throw new ArgumentException($"Metadata entry '{key}' contains an unpaired surrogate and cannot be encoded as UTF-8.", nameof(metadata));
        }
        return metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();
    }

    private static List<(NamedTensor Tensor, long Begin, long End)> Place(List<NamedTensor> tensors)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var placed = new List<(NamedTensor, long, long)>(tensors.Count);
        long offset = 0;
        foreach (var tensor in tensors)
        {
            ArgumentNullException.ThrowIfNull(tensor, nameof(tensors));
            if (tensor.Name == SafetensorsHeaderParser.MetadataKey)
                throw new ArgumentException($"'{SafetensorsHeaderParser.MetadataKey}' is reserved and cannot name a tensor.", nameof(tensors));
            if (!names.Add(tensor.Name))
                throw new ArgumentException($"Two tensors are named '{tensor.Name}'.", nameof(tensors));
            if (!SafetensorsHeaderWriter.IsEncodable(tensor.Name))
                throw new ArgumentException($"Tensor name '{tensor.Name}' contains an unpaired surrogate and cannot be encoded as UTF-8.", nameof(tensors));
            placed.Add((tensor, offset, offset + tensor.ByteLength));
            offset += tensor.ByteLength;
        }
        return placed;
    }

    private static bool HasContent(string path, byte[] bytes)
    {
        try
        {
            var info = new FileInfo(path);
            return info.Exists && info.Length == bytes.Length && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false; // unreadable: fall through to the write, which reports the problem
        }
    }
}
