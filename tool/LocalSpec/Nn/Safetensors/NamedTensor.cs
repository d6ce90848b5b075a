using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace LocalSpec.Nn.Safetensors;

/// <summary>
/// A tensor to write with <see cref="SafetensorsWriter"/>: a name, a row-major shape and the
/// elements as F32, F64 or I64. Holds the caller's memory (no copy): the data must not change
/// until the write returns.
/// </summary>
public sealed class NamedTensor
{
    private readonly int[] _shape;
    private readonly ReadOnlyMemory<float> _f32;
    private readonly ReadOnlyMemory<double> _f64;
    private readonly ReadOnlyMemory<long> _i64;

    /// <summary>An F32 tensor.</summary>
    /// <exception cref="ArgumentException">A dimension is negative or the shape's product is not <c>data.Length</c>.</exception>
    public NamedTensor(string name, int[] shape, ReadOnlyMemory<float> data)
        : this(name, shape, SafetensorsDType.F32, data.Length) => _f32 = data;

    /// <summary>An F64 tensor.</summary>
    public NamedTensor(string name, int[] shape, ReadOnlyMemory<double> data)
        : this(name, shape, SafetensorsDType.F64, data.Length) => _f64 = data;

    /// <summary>An I64 tensor (e.g. integer labels or indices).</summary>
    public NamedTensor(string name, int[] shape, ReadOnlyMemory<long> data)
        : this(name, shape, SafetensorsDType.I64, data.Length) => _i64 = data;

    private NamedTensor(string name, int[] shape, SafetensorsDType dtype, int length)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(shape);
        long product = 1;
        foreach (int dim in shape)
        {
            if (dim < 0)
                throw new ArgumentException($"Tensor '{name}': shape [{string.Join(", ", shape)}] has a negative dimension.", nameof(shape));
            product = dim == 0 || product <= length ? product * dim : long.MaxValue;
        }
        if (product != length)
            throw new ArgumentException($"Tensor '{name}': shape [{string.Join(", ", shape)}] has {(product == long.MaxValue ? "more" : product)} elements but the data has {length}.", nameof(shape));
        Name = name;
        _shape = (int[])shape.Clone();
        Shape = Array.AsReadOnly(_shape);
        DType = dtype;
        ElementCount = length;
    }

    public string Name { get; }

    public IReadOnlyList<int> Shape { get; }

    public SafetensorsDType DType { get; }

    public int ElementCount { get; }

    /// <summary>Bytes this tensor takes in the data buffer.</summary>
    public long ByteLength => (long)ElementCount * (DType.BitSize() / 8);

    /// <summary>Writes the elements little-endian into <paramref name="destination"/> (<see cref="ByteLength"/> bytes), whatever the host order.</summary>
    internal void WriteLittleEndian(Span<byte> destination)
    {
        switch (DType)
        {
            case SafetensorsDType.F32 when BitConverter.IsLittleEndian:
                MemoryMarshal.AsBytes(_f32.Span).CopyTo(destination);
                break;
            case SafetensorsDType.F32:
                var f32 = _f32.Span;
                for (int i = 0; i < f32.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(destination[(4 * i)..], f32[i]);
                break;
            case SafetensorsDType.F64:
                var f64 = _f64.Span;
                for (int i = 0; i < f64.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(destination[(8 * i)..], f64[i]);
                break;
            default:
                var i64 = _i64.Span;
                for (int i = 0; i < i64.Length; i++) BinaryPrimitives.WriteInt64LittleEndian(destination[(8 * i)..], i64[i]);
                break;
        }
    }
}
