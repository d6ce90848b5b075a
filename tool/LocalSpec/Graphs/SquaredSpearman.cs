using LocalSpec.Numerics;

namespace LocalSpec.Graphs;

/// <summary>
/// Squared Spearman rank correlations of every pair of units over the same examples (METHOD.md §2,
/// "Activations"), as GEMMs on the ranked activations rather than a loop over pairs.
/// <para>
/// Spearman's ρ is Pearson's correlation of the average ranks (ties share the mean of their
/// positions, as <c>scipy.stats.rankdata</c>). Each unit's ranks are centred and doubled,
/// v = 2·rank − (S + 1): integers in [−(S − 1), S − 1] whose sum is 0, so
/// ρ_ij = ⟨v_i, v_j⟩ / (‖v_i‖ ‖v_j‖) and the Gram matrix VᵀV is all that is needed.
/// </para>
/// <para>
/// Why not one float32 GEMM of unit-normed ranks: its rounding depends on the BLAS's summation
/// order. Measured on the mlp's 1,024 units × 5,000 examples: errors up to 5e-7 absolute in ρ², but
/// up to 5 % relative on the many small entries (~12,000 entries off by more than 1e-5), and
/// different bytes from OpenBLAS and the managed kernels. Instead V = B·H + L
/// with small integer H and L (B ≈ √(2S)), and VᵀV = (B² − B)·HᵀH + (1 − B)·LᵀL + B·(H + L)ᵀ(H + L):
/// three float32 GEMMs whose operands are integers so small that every partial sum over a chunk of
/// K examples stays below 2^24, where float32 is exact whatever the order. Chunks are summed in
/// double, also exactly (S³ &lt; 2^53). So ⟨v_i, v_j⟩ is exact, ρ² is correct to double rounding,
/// and the result is the same bytes with every BLAS provider — at three times one GEMM's cost
/// (the mlp's 1,024 units × 5,000 examples: ~30 GFLOP, a fraction of a second with OpenBLAS).
/// </para>
/// </summary>
public static class SquaredSpearman
{
    /// <summary>Largest example count: keeps Σ v² (up to S³) exact in double.</summary>
    public const int MaxExamples = 200_000;

    private const int ExactFloat = 1 << 24;

    /// <summary>ρ² of the rows of <paramref name="x"/> [U, S] (unit-major: unit u's S values are contiguous).</summary>
    /// <param name="blas">The BLAS for the Gram products (default <see cref="Blas.Current"/>); the result does not depend on it.</param>
    public static SquaredSpearmanResult Compute(ReadOnlyMemory<float> x, int units, int examples, IBlas? blas = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(units, 1);
        if (examples < 2 || examples > MaxExamples)
            throw new ArgumentOutOfRangeException(nameof(examples), $"Spearman correlations need 2 to {MaxExamples} examples (got {examples}).");
        if (x.Length != (long)units * examples)
            throw new ArgumentException($"The activations have {x.Length} values, not {units} units × {examples} examples.", nameof(x));
        blas ??= Blas.Current;

        var v = new int[(long)units * examples];
        var outcome = new RankOutcome[units];
        Parallel.For(0, units, () => (Keys: new float[examples], Order: new int[examples]), (u, _, scratch) =>
        {
            var row = x.Span.Slice(u * examples, examples);
            outcome[u] = CentredRanks(row, v.AsSpan(u * examples, examples), scratch.Keys, scratch.Order);
            return scratch;
        }, _ => { });

        double[] dot = GramOfRanks(v, units, examples, blas);
        bool[] constant = outcome.Select(o => o == RankOutcome.Constant).ToArray();
        bool[] undefined = outcome.Select(o => o == RankOutcome.Undefined).ToArray();
        var squared = new float[(long)units * units];
        Parallel.For(0, units, i =>
        {
            var row = squared.AsSpan(i * units, units);
            if (outcome[i] != RankOutcome.Varies) return;
            double dii = dot[(long)i * units + i];
            for (int j = 0; j < units; j++)
            {
                if (j == i || outcome[j] != RankOutcome.Varies) continue;
                double dij = dot[(long)i * units + j];
                // (d_ij · d_ij) / (d_ii · d_jj) is symmetric in i and j bit for bit (d_ij = d_ji exactly).
                row[j] = (float)(dij * dij / (dii * dot[(long)j * units + j]));
            }
        });
        return new SquaredSpearmanResult(squared, constant, undefined);
    }

    internal enum RankOutcome : byte
    {
        Varies,
        Constant,
        Undefined,
    }

    /// <summary>
    /// v[e] = 2·rank(values[e]) − (S + 1), the rank 1-based and averaged over ties (scipy's
    /// "average" method; −0 and +0 tie). <paramref name="keys"/> and <paramref name="order"/> are
    /// scratch of at least S elements.
    /// </summary>
    internal static RankOutcome CentredRanks(ReadOnlySpan<float> values, Span<int> v, float[] keys, int[] order)
    {
        int s = values.Length;
        var k = keys.AsSpan(0, s);
        var o = order.AsSpan(0, s);
        values.CopyTo(k);
        for (int e = 0; e < s; e++)
        {
            if (float.IsNaN(k[e]))
            {
                v.Clear();
                return RankOutcome.Undefined;
            }
            o[e] = e;
        }
        k.Sort(o);
        for (int i = 0; i < s;)
        {
            int j = i;
            while (j + 1 < s && k[j + 1] == k[i]) j++;
            if (i == 0 && j == s - 1)
            {
                v.Clear();
                return RankOutcome.Constant;
            }
            // positions i..j (0-based) share the rank (i + j + 2) / 2, so v = i + j + 2 − (S + 1)
            int centred = i + j + 1 - s;
            for (int t = i; t <= j; t++) v[o[t]] = centred;
            i = j + 1;
        }
        return RankOutcome.Varies;
    }

    /// <summary>
    /// G = VᵀV [U, U] for v [U, S] (integers, |v| ≤ S − 1), exactly: see the class remarks.
    /// </summary>
    internal static double[] GramOfRanks(int[] v, int units, int examples, IBlas blas)
    {
        var (b, chunk) = SplitPlan(examples);
        var gram = new double[(long)units * units];
        var g = new float[(long)units * units];
        var h = new float[(long)chunk * units];
        var l = new float[(long)chunk * units];
        var t = new float[(long)chunk * units];
        for (int k0 = 0; k0 < examples; k0 += chunk)
        {
            int k = Math.Min(chunk, examples - k0);
            Split(v, units, examples, k0, k, b, h, l, t);
            Accumulate(blas, h, k, units, g, gram, (double)b * b - b);
            Accumulate(blas, l, k, units, g, gram, 1.0 - b);
            Accumulate(blas, t, k, units, g, gram, b);
        }
        return gram;
    }

    /// <summary>
    /// The base B ≈ √(2S) that balances |h| and |l|, and the largest chunk K with K·(max|h + l|)² ≤ 2^24,
    /// so every partial sum of HᵀH, LᵀL and (H + L)ᵀ(H + L) over a chunk is an integer float32 holds exactly.
    /// </summary>
    internal static (int B, int Chunk) SplitPlan(int examples)
    {
        int vmax = examples - 1;
        int b = Math.Max(2, (int)Math.Ceiling(Math.Sqrt(2.0 * vmax)));
        int hmax = (vmax + b / 2) / b, lmax = b / 2;
        long m = hmax + lmax;
        int chunk = (int)Math.Min(examples, ExactFloat / (m * m));
        return (b, chunk);
    }

    // v [U, S] columns k0..k0+K → h, l, t [K, U] (example-major, the GEMM's layout): v = B·h + l, |l| ≤ B/2, t = h + l
    private static void Split(int[] v, int units, int examples, int k0, int k, int b, float[] h, float[] l, float[] t)
    {
        const int Tile = 32;
        int half = b / 2;
        Parallel.For(0, (units + Tile - 1) / Tile, block =>
        {
            int u1 = Math.Min(units, (block + 1) * Tile);
            for (int e = 0; e < k; e++)
            {
                for (int u = block * Tile; u < u1; u++)
                {
                    int value = v[(long)u * examples + k0 + e];
                    int hi = (int)Math.Floor((value + half) / (double)b);
                    int lo = value - b * hi;
                    long at = (long)e * units + u;
                    h[at] = hi;
                    l[at] = lo;
                    t[at] = hi + lo;
                }
            }
        });
    }

    // gram [U, U] += c · aᵀa for a [K, U]; aᵀa is exact in float32 (SplitPlan), c·(aᵀa) and the sum exact in double
    private static void Accumulate(IBlas blas, float[] a, int k, int units, float[] g, double[] gram, double c)
    {
        blas.Sgemm(Transpose.Yes, Transpose.No, units, units, k, 1f, a, units, a, units, 0f, g, units);
        for (long i = 0; i < gram.LongLength; i++) gram[i] += c * g[i];
    }
}
