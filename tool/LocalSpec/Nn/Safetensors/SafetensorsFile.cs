using System.Buffers.Binary;
using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;

namespace LocalSpec.Nn.Safetensors;

/// <summary>
/// A parsed, fully validated safetensors file: an 8-byte little-endian header length N, N bytes
/// of UTF-8 JSON (tensor name → {dtype, shape, data_offsets}, plus an optional
/// <c>__metadata__</c> string map), then the data buffer the offsets index into. Validation
/// follows the reference crate (huggingface/safetensors, <c>SafeTensors::read_metadata</c> and
/// <c>Metadata::validate</c>); every malformed input gives a <see cref="SafetensorsFormatException"/>.
/// </summary>
public sealed class SafetensorsFile
{
    /// <summary>The reference crate's header limit (MAX_HEADER_SIZE, 100 MB).</summary>
    public const long MaxHeaderBytes = 100_000_000;

    private const int LengthPrefixBytes = 8;

    private readonly Dictionary<string, SafetensorsTensor> _byName;

    private SafetensorsFile(string sourceName, IReadOnlyDictionary<string, string> metadata,
        IReadOnlyList<SafetensorsTensor> tensors, long headerLength)
    {
        SourceName = sourceName;
        Metadata = metadata;
        Tensors = tensors;
        HeaderLength = headerLength;
        _byName = tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
    }

    /// <summary>The path given to <see cref="Read"/> or the label given to <see cref="Parse"/>.</summary>
    public string SourceName { get; }

    /// <summary>The <c>__metadata__</c> map, enumerated in ordinal key order; empty if absent or null.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The tensors in data-offset order.</summary>
    public IReadOnlyList<SafetensorsTensor> Tensors { get; }

    /// <summary>N, the header's byte length (padding included); the data buffer starts at 8 + N.</summary>
    public long HeaderLength { get; }

    /// <summary>Reads and validates the whole file (models here are well under 100 MB).</summary>
    /// <exception cref="SafetensorsFormatException">The file is not a valid safetensors file.</exception>
    /// <exception cref="IOException">The file cannot be read (the message names it).</exception>
    public static SafetensorsFile Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        long length = new FileInfo(path).Length; // FileNotFoundException names the path
        if (length < LengthPrefixBytes)
            throw new SafetensorsFormatException(path, $"file is {length} bytes, shorter than the 8-byte header length");
        if (length > Array.MaxLength)
            throw new SafetensorsFormatException(path, $"file is {length} bytes; LocalSpec reads safetensors files of at most {Array.MaxLength} bytes");
        return Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>Validates <paramref name="bytes"/> (a whole file) without copying; tensors view into it.</summary>
    /// <param name="sourceName">Names the data in error messages, e.g. its path.</param>
    /// <exception cref="SafetensorsFormatException">The bytes are not a valid safetensors file.</exception>
    public static SafetensorsFile Parse(ReadOnlyMemory<byte> bytes, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        var span = bytes.Span;
        if (span.Length < LengthPrefixBytes)
            throw new SafetensorsFormatException(sourceName, $"file is {span.Length} bytes, shorter than the 8-byte header length");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(span);
        if (headerLength > MaxHeaderBytes)
            throw new SafetensorsFormatException(sourceName, $"header length {headerLength} exceeds the {MaxHeaderBytes}-byte limit (corrupt file or not safetensors)");
        long dataStart = LengthPrefixBytes + (long)headerLength;
        if (dataStart > span.Length)
            throw new SafetensorsFormatException(sourceName, $"header length {headerLength} runs past the end of the {span.Length}-byte file (truncated or not safetensors)");

        var (metadata, entries) = SafetensorsHeaderParser.Parse(bytes[LengthPrefixBytes..(int)dataStart], sourceName);
        var buffer = bytes[(int)dataStart..];
        var ordered = SafetensorsLayout.Validate(entries, (ulong)buffer.Length, sourceName);

        var tensors = new SafetensorsTensor[ordered.Count];
        for (int i = 0; i < ordered.Count; i++)
        {
            var (entry, elements) = ordered[i];
            // A dimension can pass the size check only next to a zero dimension; the reference allows up to 2^64 - 1, long stops at 2^63 - 1.
            if (Array.Exists(entry.Shape, d => d > long.MaxValue))
                throw new SafetensorsFormatException(sourceName, $"tensor {SafetensorsFormatException.Quote(entry.Name)}: shape {SafetensorsLayout.FormatShape(entry.Shape)} has a dimension over {long.MaxValue}");
            // Offsets lie within the buffer (< 2^31 bytes) and elements ≤ 2 × bytes, so the narrowing casts are exact.
            int begin = (int)entry.Begin, end = (int)entry.End;
            long[] shape = Array.ConvertAll(entry.Shape, d => (long)d);
            tensors[i] = new SafetensorsTensor(sourceName, entry.Name, entry.DType, shape, (long)elements, begin, end, buffer[begin..end]);
        }
        return new SafetensorsFile(sourceName, new ReadOnlyDictionary<string, string>(metadata), tensors, (long)headerLength);
    }

    /// <summary>Looks a tensor up by exact (ordinal) name.</summary>
    public bool TryGet(string name, [NotNullWhen(true)] out SafetensorsTensor? tensor) => _byName.TryGetValue(name, out tensor);

    /// <summary>The tensor named <paramref name="name"/>.</summary>
    /// <exception cref="SafetensorsFormatException">No tensor has that name (the message lists a few that exist).</exception>
    public SafetensorsTensor Get(string name) =>
        _byName.TryGetValue(name, out var tensor) ? tensor : throw Missing(name);

    /// <summary>The named tensor as float32 (F32, F64, F16, BF16; see <see cref="SafetensorsTensor.ToFloat32"/>).</summary>
    /// <exception cref="SafetensorsFormatException">No such tensor, or its dtype is not a supported float type.</exception>
    public float[] GetFloat32(string name) => Get(name).ToFloat32();

    private SafetensorsFormatException Missing(string name)
    {
        const int shown = 5;
        string have = Tensors.Count == 0
            ? "the file has no tensors"
            : "it has " + string.Join(", ", Tensors.Take(shown).Select(t => SafetensorsFormatException.Quote(t.Name)))
              + (Tensors.Count > shown ? $", ... ({Tensors.Count} in all)" : "");
        return new SafetensorsFormatException(SourceName, $"no tensor named {SafetensorsFormatException.Quote(name)}; {have}");
    }
}
