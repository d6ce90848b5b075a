namespace LocalSpec.Nn.Safetensors;

/// <summary>
/// Element types of the safetensors format, in the reference crate's order (increasing alignment).
/// The header spells each as its member name (<c>"F32"</c>, <c>"F8_E4M3"</c>, ...); see
/// <see cref="SafetensorsDTypes"/> for sizes and the name mapping.
/// </summary>
public enum SafetensorsDType
{
    BOOL,
    /// <summary>FP4 E2M1 (OCP microscaling), two elements per byte.</summary>
    F4,
    /// <summary>FP6 E2M3 (OCP microscaling), packed 6-bit elements.</summary>
    F6_E2M3,
    /// <summary>FP6 E3M2 (OCP microscaling), packed 6-bit elements.</summary>
    F6_E3M2,
    U8,
    I8,
    F8_E5M2,
    F8_E4M3,
    /// <summary>FP8 scale type E8M0 (OCP microscaling).</summary>
    F8_E8M0,
    I16,
    U16,
    F16,
    BF16,
    I32,
    U32,
    F32,
    /// <summary>Complex number with two F32 parts.</summary>
    C64,
    F64,
    I64,
    U64,
}
