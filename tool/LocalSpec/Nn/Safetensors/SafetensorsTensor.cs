namespace LocalSpec.Nn.Safetensors;

/// <summary>
/// One validated tensor of a <see cref="SafetensorsFile"/>: name, dtype, row-major shape and a
/// view of its little-endian bytes in the file's buffer (no copy).
/// </summary>
public sealed class SafetensorsTensor
{
    private readonly long[] _shape;

    internal SafetensorsTensor(string sourceName, string name, SafetensorsDType dtype, long[] shape,
        long elementCount, long dataBegin, long dataEnd, ReadOnlyMemory<byte> data)
    {
        SourceName = sourceName;
        Name = name;
        DType = dtype;
        _shape = shape;
        Shape = Array.AsReadOnly(shape);
        ElementCount = elementCount;
        DataBegin = dataBegin;
        DataEnd = dataEnd;
        Data = data;
    }

    /// <summary>The file this tensor came from (used in error messages).</summary>
    public string SourceName { get; }

    public string Name { get; }

    public SafetensorsDType DType { get; }

    /// <summary>Dimensions, outermost first (PyTorch layout, e.g. a linear weight is [out, in]); empty for a scalar.</summary>
    public IReadOnlyList<long> Shape { get; }

    /// <summary>Product of <see cref="Shape"/> (1 for a scalar, 0 if any dimension is 0).</summary>
    public long ElementCount { get; }

    /// <summary>Start of the tensor's bytes, relative to the data buffer after the header (the header's data_offsets[0]).</summary>
    public long DataBegin { get; }

    /// <summary>End (exclusive) of the tensor's bytes, relative to the data buffer (data_offsets[1]).</summary>
    public long DataEnd { get; }

    /// <summary>The raw little-endian element bytes, <see cref="DataEnd"/> − <see cref="DataBegin"/> long.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>True if the shape equals <paramref name="expected"/> exactly (same rank, same dimensions).</summary>
    public bool HasShape(params ReadOnlySpan<int> expected)
    {
        if (expected.Length != _shape.Length) return false;
        for (int i = 0; i < expected.Length; i++)
            if (_shape[i] != expected[i]) return false;
        return true;
    }

    /// <summary>The shape as int[]; throws <see cref="SafetensorsFormatException"/> if a dimension exceeds int.MaxValue.</summary>
    public int[] ShapeAsInt32()
    {
        var result = new int[_shape.Length];
        for (int i = 0; i < _shape.Length; i++)
        {
            if (_shape[i] > int.MaxValue)
                throw new SafetensorsFormatException(SourceName, $"tensor {SafetensorsFormatException.Quote(Name)}: dimension {i} ({_shape[i]}) exceeds {int.MaxValue}");
            result[i] = (int)_shape[i];
        }
        return result;
    }

    /// <summary>
    /// The elements as float32 in row-major order. F32 is copied bit for bit; F64 rounds to
    /// nearest; F16 and BF16 widen exactly. Integer and BOOL tensors convert by value only if
    /// <paramref name="allowIntegerConversion"/>; other dtypes (FP8, FP6, FP4, C64) are refused.
    /// </summary>
    /// <exception cref="SafetensorsFormatException">The dtype is not convertible (as asked).</exception>
    public float[] ToFloat32(bool allowIntegerConversion = false)
    {
        CheckConvertible(allowIntegerConversion);
        var result = new float[ElementCount];
        CopyToFloat32(result, allowIntegerConversion);
        return result;
    }

    /// <summary>
    /// Writes the elements as float32 into <paramref name="destination"/>, which must hold exactly
    /// <see cref="ElementCount"/> floats (e.g. a parameter's view into a model's flat buffer).
    /// Conversion rules as in <see cref="ToFloat32"/>.
    /// </summary>
    /// <exception cref="SafetensorsFormatException">The dtype is not convertible (as asked).</exception>
    /// <exception cref="ArgumentException">The destination length differs from <see cref="ElementCount"/>.</exception>
    public void CopyToFloat32(Span<float> destination, bool allowIntegerConversion = false)
    {
        CheckConvertible(allowIntegerConversion);
        if (destination.Length != ElementCount)
            throw new ArgumentException(
                $"{SourceName}: tensor {SafetensorsFormatException.Quote(Name)} has {ElementCount} elements but the destination holds {destination.Length}.",
                nameof(destination));
        SafetensorsDecoding.ToFloat32(DType, Data.Span, destination, bulkCopyF32: BitConverter.IsLittleEndian);
    }

    public override string ToString() => $"{Name}: {DType} [{string.Join(", ", _shape)}]";

    private void CheckConvertible(bool allowIntegerConversion)
    {
        if (DType.IsSupportedFloat() || (allowIntegerConversion && DType.IsInteger())) return;
        string hint = DType.IsInteger()
            ? "; integer tensors convert to float32 only when allowIntegerConversion is set"
            : " (supported: F32, F64, F16, BF16, and integers on request)";
        throw new SafetensorsFormatException(SourceName,
            $"tensor {SafetensorsFormatException.Quote(Name)} has dtype {DType}, which LocalSpec does not read as float32{hint}");
    }
}
