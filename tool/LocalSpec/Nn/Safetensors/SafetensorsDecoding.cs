using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace LocalSpec.Nn.Safetensors;

/// <summary>
/// Little-endian element bytes to float32, correct on any host: every element goes through
/// <see cref="BinaryPrimitives"/> (a plain load on little-endian hosts), except the F32 bulk copy,
/// which is taken only where the host order matches the file's.
/// </summary>
internal static class SafetensorsDecoding
{
    /// <summary>
    /// Decodes <paramref name="source"/> (K elements of <paramref name="dtype"/>, little-endian) into
    /// <paramref name="destination"/> (K floats). Integer dtypes convert by value (BOOL: nonzero → 1),
    /// rounding to the nearest float as a C# cast does; F64 rounds to nearest-even.
    /// </summary>
    /// <param name="bulkCopyF32">Copy F32 bytes as they are; only valid when the host is little-endian (tests pass false to exercise the per-element path).</param>
    internal static void ToFloat32(SafetensorsDType dtype, ReadOnlySpan<byte> source, Span<float> destination, bool bulkCopyF32)
    {
        int count = destination.Length;
        switch (dtype)
        {
            case SafetensorsDType.F32 when bulkCopyF32:
                source[..(4 * count)].CopyTo(MemoryMarshal.AsBytes(destination));
                break;
            case SafetensorsDType.F32:
                for (int i = 0; i < count; i++) destination[i] = BinaryPrimitives.ReadSingleLittleEndian(source[(4 * i)..]);
                break;
            case SafetensorsDType.F64:
                for (int i = 0; i < count; i++) destination[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(source[(8 * i)..]);
                break;
            case SafetensorsDType.F16:
                for (int i = 0; i < count; i++) destination[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(source[(2 * i)..]);
                break;
            case SafetensorsDType.BF16:
                // BF16 is the top half of an IEEE binary32, so widening is a shift (exact, NaN payloads kept).
                for (int i = 0; i < count; i++)
                    destination[i] = BitConverter.UInt32BitsToSingle((uint)BinaryPrimitives.ReadUInt16LittleEndian(source[(2 * i)..]) << 16);
                break;
            default:
                IntegersToFloat32(dtype, source, destination);
                break;
        }
    }

    private static void IntegersToFloat32(SafetensorsDType dtype, ReadOnlySpan<byte> source, Span<float> destination)
    {
        int count = destination.Length;
        switch (dtype)
        {
            case SafetensorsDType.BOOL:
                for (int i = 0; i < count; i++) destination[i] = source[i] != 0 ? 1f : 0f;
                break;
            case SafetensorsDType.U8:
                for (int i = 0; i < count; i++) destination[i] = source[i];
                break;
            case SafetensorsDType.I8:
                for (int i = 0; i < count; i++) destination[i] = (sbyte)source[i];
                break;
            case SafetensorsDType.I16:
                for (int i = 0; i < count; i++) destination[i] = BinaryPrimitives.ReadInt16LittleEndian(source[(2 * i)..]);
                break;
            case SafetensorsDType.U16:
                for (int i = 0; i < count; i++) destination[i] = BinaryPrimitives.ReadUInt16LittleEndian(source[(2 * i)..]);
                break;
            case SafetensorsDType.I32:
                for (int i = 0; i < count; i++) destination[i] = BinaryPrimitives.ReadInt32LittleEndian(source[(4 * i)..]);
                break;
            case SafetensorsDType.U32:
                for (int i = 0; i < count; i++) destination[i] = BinaryPrimitives.ReadUInt32LittleEndian(source[(4 * i)..]);
                break;
            case SafetensorsDType.I64:
                for (int i = 0; i < count; i++) destination[i] = BinaryPrimitives.ReadInt64LittleEndian(source[(8 * i)..]);
                break;
            case SafetensorsDType.U64:
                for (int i = 0; i < count; i++) destination[i] = BinaryPrimitives.ReadUInt64LittleEndian(source[(8 * i)..]);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "No float32 conversion for this dtype.");
        }
    }
}
