namespace LocalSpec.Measures;

/// <summary>What <see cref="LesionFusedProduct"/> does with each finished row of its product.</summary>
internal enum LesionEpilogueMode
{
    /// <summary>C = acc.</summary>
    Store,

    /// <summary>C = z + sign·acc (the logits).</summary>
    Logits,

    /// <summary>R = z + sign·acc; Out = max(R, 0) − h; list the units with h = 0 and R not ≤ 0 (switched on, or NaN).</summary>
    Rectify,

    /// <summary>acc = Δ, R = z − Δ; Out = −(max(R, 0) − h + Δ) = −r; list the units with h &gt; 0 and R not &gt; 0 (switched off, or NaN).</summary>
    Complement,
}

/// <summary>
/// The per-row work fused into <see cref="LesionFusedProduct"/>: first the row's own extra columns
/// (units outside the product's index whose coefficient in A is nonzero, listed per row), then the
/// <see cref="LesionEpilogueMode"/>. Row r's data: z and h at Z + r·ZStride (ZStride 0 when all rows
/// belong to one example), Out + r·OutStride, lists at ExtrasIn/Out + r·ListStride with counts at
/// CountsIn/Out + r·CountStride. Only rows &lt; RealRows get an epilogue.
/// </summary>
internal unsafe struct LesionEpilogue
{
    public LesionEpilogueMode Mode;
    public float Sign;
    public float* Z, H;
    public int ZStride;
    public float* Out;
    public int OutStride;
    public int* ExtrasIn, CountsIn, ExtrasOut, CountsOut;
    public int ListStride, CountStride;
    public int RealRows;
}
