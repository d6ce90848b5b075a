namespace LocalSpec.Nn.Safetensors;

/// <summary>Sizes and header spellings of <see cref="SafetensorsDType"/>.</summary>
public static class SafetensorsDTypes
{
    /// <summary>Every dtype, in enum order.</summary>
    public static IReadOnlyList<SafetensorsDType> All { get; } = Enum.GetValues<SafetensorsDType>();

    /// <summary>
    /// Bits per element. F4 and F6 are packed below a byte, so a tensor's byte size is
    /// elements × bits / 8 and must come out whole (the reference crate's <c>bitsize</c>).
    /// </summary>
    public static int BitSize(this SafetensorsDType dtype) => dtype switch
    {
        SafetensorsDType.F4 => 4,
        SafetensorsDType.F6_E2M3 or SafetensorsDType.F6_E3M2 => 6,
        SafetensorsDType.BOOL or SafetensorsDType.U8 or SafetensorsDType.I8
            or SafetensorsDType.F8_E5M2 or SafetensorsDType.F8_E4M3 or SafetensorsDType.F8_E8M0 => 8,
        SafetensorsDType.I16 or SafetensorsDType.U16 or SafetensorsDType.F16 or SafetensorsDType.BF16 => 16,
        SafetensorsDType.I32 or SafetensorsDType.U32 or SafetensorsDType.F32 => 32,
        SafetensorsDType.C64 or SafetensorsDType.F64 or SafetensorsDType.I64 or SafetensorsDType.U64 => 64,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Unknown safetensors dtype."),
    };

    /// <summary>Bytes per element, or null for the packed sub-byte types (F4, F6_*).</summary>
    public static int? ByteSize(this SafetensorsDType dtype)
    {
        int bits = dtype.BitSize();
        return bits % 8 == 0 ? bits / 8 : null;
    }

    /// <summary>The header spelling, e.g. <c>"F32"</c>.</summary>
    public static string HeaderName(this SafetensorsDType dtype) =>
        Enum.IsDefined(dtype)
            ? dtype.ToString()
            : throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Unknown safetensors dtype.");

    /// <summary>
    /// Parses a header spelling exactly (case-sensitive, no numeric forms), as the reference
    /// crate's serde derive does; <see cref="Enum.TryParse{TEnum}(string, out TEnum)"/> would
    /// also accept "15" or "f32".
    /// </summary>
    public static bool TryParse(string? name, out SafetensorsDType dtype)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.ToString(), name, StringComparison.Ordinal))
            {
                dtype = candidate;
                return true;
            }
        }
        dtype = default;
        return false;
    }

    /// <summary>True for the dtypes <see cref="SafetensorsTensor.CopyToFloat32"/> converts without being asked: F32, F64, F16, BF16.</summary>
    public static bool IsSupportedFloat(this SafetensorsDType dtype) =>
        dtype is SafetensorsDType.F32 or SafetensorsDType.F64 or SafetensorsDType.F16 or SafetensorsDType.BF16;

    /// <summary>True for BOOL and the signed/unsigned integer dtypes, converted to float only on request.</summary>
    public static bool IsInteger(this SafetensorsDType dtype) =>
        dtype is SafetensorsDType.BOOL or SafetensorsDType.U8 or SafetensorsDType.I8
            or SafetensorsDType.I16 or SafetensorsDType.U16 or SafetensorsDType.I32
            or SafetensorsDType.U32 or SafetensorsDType.I64 or SafetensorsDType.U64;
}
