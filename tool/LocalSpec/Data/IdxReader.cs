using System.Buffers.Binary;
using System.IO.Compression;

namespace LocalSpec.Data;

/// <summary>
/// Reads IDX files (the MNIST format: magic 00 00 type ndims, then ndims big-endian uint32
/// dimensions, then the elements row-major), raw or gzip-compressed; compression is detected by
/// the gzip magic bytes 1F 8B, not by the file name. Only the unsigned-byte element type (0x08)
/// is supported, which is what MNIST and Fashion-MNIST use. Every malformed input raises a
/// <see cref="DataException"/> that names the file.
/// </summary>
public static class IdxReader
{
    private const byte UnsignedByteType = 0x08;
    private static readonly byte[] KnownTypes = [0x08, 0x09, 0x0B, 0x0C, 0x0D, 0x0E];

    /// <summary>Reads an unsigned-byte IDX file, raw or gzip-compressed.</summary>
    public static IdxArray Read(string path)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            Span<byte> head = stackalloc byte[2];
            int got = file.ReadAtLeast(head, 2, throwOnEndOfStream: false);
            file.Position = 0;
            bool gzip = got == 2 && head[0] == 0x1F && head[1] == 0x8B;
            if (!gzip) return ReadBody(file, path, file.Length);
            using var inflated = new GZipStream(file, CompressionMode.Decompress);
            return ReadBody(inflated, path, knownLength: null);
        }
        catch (InvalidDataException e)
        {
            throw new DataException($"{path}: corrupt gzip stream ({e.Message})", e);
        }
        catch (FileNotFoundException e)
        {
            throw new DataException($"{path}: file not found", e);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new DataException($"{path}: file not found", e);
        }
        catch (IOException e)
        {
            throw new DataException($"{path}: cannot read ({e.Message})", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new DataException($"{path}: cannot read ({e.Message})", e);
        }
    }

    /// <summary>
    /// Reads an image file ([N, H, W] unsigned bytes) and a label file ([N] unsigned bytes) into
    /// [N, 1, H, W] pixels scaled by 1/255. Labels must be below <paramref name="classes"/>.
    /// </summary>
    public static LabeledImages ReadImagesAndLabels(string imagesPath, string labelsPath, int classes)
    {
        IdxArray images = Read(imagesPath);
        IdxArray labels = Read(labelsPath);
        if (images.Dims.Length != 3)
            throw new DataException($"{imagesPath}: expected 3 dimensions (count, rows, columns), found {images.Dims.Length}");
        if (labels.Dims.Length != 1)
            throw new DataException($"{labelsPath}: expected 1 dimension (count), found {labels.Dims.Length}");
        int n = images.Dims[0], h = images.Dims[1], w = images.Dims[2];
        if (labels.Dims[0] != n)
            throw new DataException($"{labelsPath}: {labels.Dims[0]} labels but {imagesPath} has {n} images");
        if (n > 0 && (h == 0 || w == 0))
            throw new DataException($"{imagesPath}: images of size {h}x{w}");
        var intLabels = new int[n];
        for (int i = 0; i < n; i++)
        {
            byte label = labels.Data[i];
            if (label >= classes)
                throw new DataException($"{labelsPath}: label {label} at index {i} is not below {classes}");
            intLabels[i] = label;
        }
        return new LabeledImages(PixelScaling.ToUnitFloats(images.Data), intLabels, 1, Math.Max(h, 1), Math.Max(w, 1));
    }

    private static IdxArray ReadBody(Stream stream, string path, long? knownLength)
    {
        Span<byte> magic = stackalloc byte[4];
        ReadHeader(stream, magic, path, "magic number");
        if (magic[0] != 0 || magic[1] != 0 || Array.IndexOf(KnownTypes, magic[2]) < 0 || magic[3] == 0)
            throw new DataException($"{path}: not an IDX file (magic bytes {Convert.ToHexString(magic)})");
        if (magic[2] != UnsignedByteType)
            throw new DataException($"{path}: IDX element type 0x{magic[2]:X2} is not supported (only unsigned bytes, 0x08)");

        int rank = magic[3];
        var dims = new int[rank];
        Span<byte> dimBytes = stackalloc byte[4];
        long total = 1;
        for (int d = 0; d < rank; d++)
        {
            ReadHeader(stream, dimBytes, path, $"dimension {d}");
            uint dim = BinaryPrimitives.ReadUInt32BigEndian(dimBytes);
            if (dim > Array.MaxLength)
                throw new DataException($"{path}: dimension {d} is {dim}, larger than any array");
            dims[d] = (int)dim;
            total = Math.Min(total * dim, long.MaxValue / Array.MaxLength); // saturates: never overflows
        }
        if (total > Array.MaxLength)
            throw new DataException($"{path}: dimensions {string.Join('x', dims)} declare more than {Array.MaxLength} elements");

        long headerBytes = 4 + 4L * rank;
        if (knownLength is long length && length - headerBytes < total)
            throw new DataException(
                $"{path}: truncated: dimensions {string.Join('x', dims)} need {total} bytes of data, the file has {length - headerBytes}");

        byte[] data = ReadExactly(stream, (int)total, path, dims);
        if (stream.ReadByte() >= 0)
            throw new DataException($"{path}: trailing bytes after the {total} elements declared by dimensions {string.Join('x', dims)}");
        return new IdxArray(dims, data);
    }

    private static void ReadHeader(Stream stream, Span<byte> buffer, string path, string field)
    {
        int got = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (got < buffer.Length)
            throw new DataException($"{path}: truncated header (file ends inside the {field})");
    }

    // The buffer grows as data arrive, so a small hostile file that declares huge dimensions
    // fails on its truncation, not on a huge up-front allocation.
    private static byte[] ReadExactly(Stream stream, int total, string path, int[] dims)
    {
        var buffer = new byte[Math.Min(total, 1 << 22)];
        int filled = 0;
        while (filled < total)
        {
            if (filled == buffer.Length)
                Array.Resize(ref buffer, (int)Math.Min(total, 2L * buffer.Length));
            int got = stream.Read(buffer, filled, buffer.Length - filled);
            if (got == 0)
                throw new DataException(
                    $"{path}: truncated: dimensions {string.Join('x', dims)} need {total} bytes of data, the file has {filled}");
            filled += got;
        }
        return buffer;
    }
}
