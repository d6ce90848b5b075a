namespace LocalSpec.Data;

/// <summary>
/// Reads CIFAR-10 binary batches (<c>data_batch_1.bin</c> … <c>data_batch_5.bin</c>,
/// <c>test_batch.bin</c>): records of 1 label byte then 3072 pixel bytes laid out [3, 32, 32]
/// (red plane, green, blue; rows top to bottom), which is already the [C, H, W] order LocalSpec
/// uses. Pixels are scaled by 1/255.
/// </summary>
public static class CifarBinaryReader
{
    public const int Channels = 3;
    public const int Side = 32;
    public const int ImageBytes = Channels * Side * Side;
    public const int RecordBytes = 1 + ImageBytes;
    public const int Classes = 10;

    /// <summary>Reads and concatenates the batches in the order given.</summary>
    public static LabeledImages Read(IReadOnlyList<string> batchPaths)
    {
        var batches = new List<byte[]>(batchPaths.Count);
        long records = 0;
        foreach (string path in batchPaths)
        {
            byte[] bytes = ReadFile(path);
            if (bytes.Length % RecordBytes != 0)
                throw new DataException(
                    $"{path}: {bytes.Length} bytes is not a whole number of {RecordBytes}-byte CIFAR-10 records (truncated or not a CIFAR-10 binary batch)");
            batches.Add(bytes);
            records += bytes.Length / RecordBytes;
        }
        if (records * ImageBytes > Array.MaxLength)
            throw new DataException($"{records} CIFAR-10 records are more than one array can hold");

        var pixels = new float[records * ImageBytes];
        var labels = new int[records];
        int n = 0;
        for (int b = 0; b < batches.Count; b++)
        {
            byte[] bytes = batches[b];
            for (int offset = 0; offset < bytes.Length; offset += RecordBytes, n++)
            {
                byte label = bytes[offset];
                if (label >= Classes)
                    throw new DataException($"{batchPaths[b]}: record {offset / RecordBytes} has label {label}, not below {Classes}");
                labels[n] = label;
                Span<float> image = pixels.AsSpan(n * ImageBytes, ImageBytes);
                ReadOnlySpan<byte> source = bytes.AsSpan(offset + 1, ImageBytes);
                for (int i = 0; i < ImageBytes; i++) image[i] = PixelScaling.FromByte(source[i]);
            }
        }
        return new LabeledImages(pixels, labels, Channels, Side, Side);
    }

    /// <summary>Checks one batch's size and labels without converting pixels; returns its record count.</summary>
    public static int CountRecords(string path)
    {
        byte[] bytes = ReadFile(path);
        if (bytes.Length % RecordBytes != 0)
            throw new DataException(
                $"{path}: {bytes.Length} bytes is not a whole number of {RecordBytes}-byte CIFAR-10 records (truncated or not a CIFAR-10 binary batch)");
        for (int offset = 0; offset < bytes.Length; offset += RecordBytes)
            if (bytes[offset] >= Classes)
                throw new DataException($"{path}: record {offset / RecordBytes} has label {bytes[offset]}, not below {Classes}");
        return bytes.Length / RecordBytes;
    }

    private static byte[] ReadFile(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataException($"{path}: cannot read ({e.Message})", e);
        }
    }
}
