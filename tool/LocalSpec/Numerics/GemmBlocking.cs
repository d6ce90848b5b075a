namespace LocalSpec.Numerics;

/// <summary>
/// Cache blocking of the managed GEMM: an Mc×Kc block of packed A lives in L2, a Kc×NR panel of
/// packed B in L1, a Kc×Nc slab of packed B in L3. Tests shrink these to reach every loop edge
/// with small matrices.
/// </summary>
internal sealed record GemmBlocking(int Mc, int Kc, int Nc)
{
    /// <summary>
    /// Kc = 256 keeps the B panel (256 × 32 floats = 32 KiB for the AVX-512 tile) inside a 48 KiB
    /// L1d; Mc = 144 rows × 256 × 4 B = 144 KiB of A sits well inside a 1–2 MiB L2; Nc = 2048
    /// columns (2 MiB of B) inside L3. On 1024³ (Zen 5, AVX-512 tile) Kc ∈ {128, 192, 256, 384} and
    /// Mc ∈ {72, 96, 144, 288} were measured; 256/144 was at or within noise of the best.
    /// </summary>
    public static readonly GemmBlocking Default = new(144, 256, 2048);

    public void Validate(int mr, int nr)
    {
        if (Mc < mr || Kc < 1 || Nc < nr)
            throw new ArgumentOutOfRangeException(nameof(Mc), $"GEMM blocking {this} is smaller than the {mr}x{nr} register tile.");
    }
}
