namespace LocalSpec.Nn.Safetensors;

/// <summary>
/// The reference crate's <c>Metadata::validate</c> rules: each tensor's offsets span exactly
/// elements × dtype bits / 8 bytes (with overflow checked), and the tensors sorted by offsets tile
/// the data buffer from 0 to its end with no overlap and no hole.
/// </summary>
internal static class SafetensorsLayout
{
    /// <summary>Checks the entries against each other and the buffer; returns them in data-offset order with their element counts.</summary>
    internal static List<(SafetensorsHeaderEntry Entry, ulong Elements)> Validate(
        List<SafetensorsHeaderEntry> entries, ulong bufferLength, string source)
    {
        var sized = new List<(SafetensorsHeaderEntry Entry, ulong Elements)>(entries.Count);
        foreach (var entry in entries)
            sized.Add((entry, CheckSize(entry, bufferLength, source)));

        // Zero-byte tensors may share an offset; JSON order breaks the tie so the result is deterministic.
        sized.Sort((a, b) => (a.Entry.Begin, a.Entry.End, a.Entry.JsonIndex)
            .CompareTo((b.Entry.Begin, b.Entry.End, b.Entry.JsonIndex)));

        ulong cursor = 0;
        SafetensorsHeaderEntry? previous = null;
        foreach (var (entry, _) in sized)
        {
            if (entry.Begin < cursor)
                throw Fail(source, $"tensor {Quote(entry.Name)} {Offsets(entry)} overlaps tensor {Quote(previous!.Name)} {Offsets(previous)}");
            if (entry.Begin > cursor)
            {
                string after = previous is null ? "at the start of the data buffer" : $"after tensor {Quote(previous.Name)} {Offsets(previous)}";
                throw Fail(source, $"{entry.Begin - cursor}-byte hole in the data buffer {after}, before tensor {Quote(entry.Name)} {Offsets(entry)}");
            }
            cursor = entry.End;
            previous = entry;
        }
        if (cursor != bufferLength)
            throw Fail(source, $"data buffer has {bufferLength} bytes but the tensors cover only {cursor} (trailing bytes belong to no tensor)");
        return sized;
    }

    private static ulong CheckSize(SafetensorsHeaderEntry entry, ulong bufferLength, string source)
    {
        string where = $"tensor {Quote(entry.Name)}";
        if (entry.Begin > entry.End)
            throw Fail(source, $"{where}: data_offsets {Offsets(entry)} begin after they end");

        // Multiply in the reference's order so a product that overflows before reaching a zero dimension is rejected as it is there.
        ulong elements = 1;
        foreach (ulong dim in entry.Shape)
        {
            if (dim != 0 && elements > ulong.MaxValue / dim)
                throw Fail(source, $"{where}: shape {FormatShape(entry.Shape)} has more elements than fit in 64 bits");
            elements *= dim;
        }
        ulong bits = (ulong)entry.DType.BitSize();
        if (elements > ulong.MaxValue / bits)
            throw Fail(source, $"{where}: shape {FormatShape(entry.Shape)} of {entry.DType} has more bits than fit in 64 bits");
        ulong totalBits = elements * bits;
        if (totalBits % 8 != 0)
            throw Fail(source, $"{where}: {elements} {entry.DType} elements do not fill a whole number of bytes");
        ulong bytes = totalBits / 8;
        if (bytes != entry.End - entry.Begin)
            throw Fail(source, $"{where}: shape {FormatShape(entry.Shape)} of {entry.DType} needs {bytes} bytes but data_offsets {Offsets(entry)} span {entry.End - entry.Begin}");
        if (entry.End > bufferLength)
            throw Fail(source, $"{where}: data_offsets {Offsets(entry)} run past the end of the {bufferLength}-byte data buffer");
        return elements;
    }

    /// <summary>A shape for a message, e.g. "[2, 3]", cut after a few dimensions.</summary>
    internal static string FormatShape(IReadOnlyList<ulong> shape)
    {
        const int maxDims = 8;
        string dims = string.Join(", ", shape.Take(maxDims));
        return shape.Count > maxDims ? $"[{dims}, ... ({shape.Count} dims)]" : $"[{dims}]";
    }

    private static string Offsets(SafetensorsHeaderEntry entry) => $"[{entry.Begin}, {entry.End}]";

    private static string Quote(string text) => SafetensorsFormatException.Quote(text);

    private static SafetensorsFormatException Fail(string source, string problem) => new(source, problem);
}
