using LocalSpec.Graphs;
using LocalSpec.Numerics;

namespace LocalSpec.Tests.Graphs;

public sealed class SquaredSpearmanTests
{
    private static double NaiveRho(float[] x, int s, int i, int j) =>
        NaiveSpearman.Rho(x.Skip(i * s).Take(s).Select(v => (double)v).ToArray(), x.Skip(j * s).Take(s).Select(v => (double)v).ToArray());

    /// <summary>[U, S] values with ties: unit u takes values from a grid of u + 2 levels, plus noise for odd u.</summary>
    private static float[] TiedData(int units, int s, ulong seed)
    {
        var rng = new Rng(seed);
        var x = new float[units * s];
        for (int u = 0; u < units; u++)
            for (int e = 0; e < s; e++)
                x[u * s + e] = u % 2 == 0 ? rng.NextInt(u + 2) : (float)rng.NextGaussian() + 0.2f * x[e];
        return x;
    }

    [Fact]
    public void Ties_share_their_average_rank_and_negative_zero_ties_positive_zero()
    {
        var v = new int[6];
        var outcome = SquaredSpearman.CentredRanks([3f, 1f, 3f, -0f, 0f, 2f], v, new float[6], new int[6]);

        // ranks 5.5, 3, 5.5, 1.5, 1.5, 4 → v = 2·rank − 7
        Assert.Equal(SquaredSpearman.RankOutcome.Varies, outcome);
        Assert.Equal([4, -1, 4, -4, -4, 1], v);
    }

    [Fact]
    public void Constant_and_NaN_holding_units_are_flagged_and_get_zero_rows()
    {
        float[] x =
        [
            1, 2, 3, 4, 5,
            7, 7, 7, 7, 7,
            5, 3, 4, 1, 2,
            1, float.NaN, 3, 4, 5,
        ];
        var result = SquaredSpearman.Compute(x, 4, 5);

        Assert.Equal([false, true, false, false], result.Constant);
        Assert.Equal([false, false, false, true], result.Undefined);
        for (int k = 0; k < 4; k++)
        {
            foreach (int dead in new[] { 1, 3 })
            {
                Assert.Equal(0f, result.Squared[dead * 4 + k]);
                Assert.Equal(0f, result.Squared[k * 4 + dead]);
            }
        }
        double rho = NaiveRho(x, 5, 0, 2);
        Assert.Equal(rho * rho, result.Squared[2], 1e-7);
        Assert.True(result.Squared[2] > 0);
    }

    [Fact]
    public void Perfectly_monotone_pairs_have_squared_correlation_exactly_one()
    {
        float[] x = [1, 5, 2, 9, 7, 2.5f, 312.5f, 20, 1822.5f, 857.5f, -1, -5, -2, -9, -7];

        var result = SquaredSpearman.Compute(x, 3, 5);

        Assert.Equal(1f, result.Squared[0 * 3 + 1]);
        Assert.Equal(1f, result.Squared[0 * 3 + 2]);
        Assert.Equal(0f, result.Squared[0]);
    }

    [Theory]
    [InlineData(12, 40, 1UL)]
    [InlineData(7, 2, 2UL)]
    [InlineData(5, 300, 3UL)]
    public void Matches_a_naive_pairwise_double_precision_spearman(int units, int s, ulong seed)
    {
        float[] x = TiedData(units, s, seed);

        var result = SquaredSpearman.Compute(x, units, s);

        for (int i = 0; i < units; i++)
        {
            for (int j = 0; j < units; j++)
            {
                double rho = NaiveRho(x, s, i, j);
                double expected = i == j || double.IsNaN(rho) ? 0 : rho * rho;
                Assert.True(Math.Abs(result.Squared[i * units + j] - expected) <= 1e-7 * expected + 1e-15,
                    $"ρ²[{i}, {j}] = {result.Squared[i * units + j]:R}, naive {expected:R}");
            }
        }
    }

    [Fact]
    public void Matches_scipy_on_ties_constant_NaN_and_monotone_columns()
    {
        var reference = GraphReference.Load("spearman_cases.json");
        int[] shape = reference.Root.GetProperty("x").GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        int s = shape[0], units = shape[1];
        float[] xs = reference.Tensor("x");
        foreach (var at in reference.Root.GetProperty("nan_at").EnumerateArray()) xs[at[0].GetInt32() * units + at[1].GetInt32()] = float.NaN;
        var x = new float[units * s]; // [S, U] → [U, S]
        for (int e = 0; e < s; e++)
            for (int u = 0; u < units; u++) x[u * s + e] = xs[e * units + u];

        var result = SquaredSpearman.Compute(x, units, s);

        float[] expected = reference.Tensor("r2");
        GraphReference.AssertClose(expected.Select(v => (double)v).ToArray(), result.Squared.Select(v => (double)v).ToArray(), 1e-6, 0, "ρ²");
        Assert.Equal(reference.Bools("constant"), result.Constant);
        Assert.Equal(reference.Bools("undefined"), result.Undefined);
        Assert.Contains(expected, v => v == 1f);
    }

    [Fact]
    public void The_rank_gram_matrix_is_exact_over_several_chunks()
    {
        const int units = 6, s = 5000;
        var (_, chunk) = SquaredSpearman.SplitPlan(s);
        Assert.True(chunk < s / 2, $"chunk {chunk}: the test should span at least three chunks");
        float[] x = TiedData(units, s, 9);
        var v = new int[units * s];
        for (int u = 0; u < units; u++)
            SquaredSpearman.CentredRanks(x.AsSpan(u * s, s), v.AsSpan(u * s, s), new float[s], new int[s]);

        double[] gram = SquaredSpearman.GramOfRanks(v, units, s, Blas.Current);

        for (int i = 0; i < units; i++)
        {
            for (int j = 0; j < units; j++)
            {
                long exact = 0;
                for (int e = 0; e < s; e++) exact += (long)v[i * s + e] * v[j * s + e];
                Assert.Equal(exact, gram[i * units + j]);
            }
        }
    }

    [Fact]
    public void Every_split_plan_keeps_partial_sums_within_float32_s_exact_integers()
    {
        foreach (int s in new[] { 2, 3, 4, 5, 17, 100, 1000, 4999, 5000, 5001, 60_000, SquaredSpearman.MaxExamples })
        {
            var (b, chunk) = SquaredSpearman.SplitPlan(s);
            int vmax = s - 1, hmax = (vmax + b / 2) / b, lmax = b / 2;
            Assert.True(chunk >= 1 && chunk <= s);
            Assert.True((long)chunk * (hmax + lmax) * (hmax + lmax) <= 1 << 24, $"S = {s}");
            // the split reproduces every v in [−vmax, vmax] within those bounds
            foreach (int value in new[] { -vmax, -vmax + 1, -1, 0, 1, vmax - 1, vmax })
            {
                int hi = (int)Math.Floor((value + b / 2) / (double)b), lo = value - b * hi;
                Assert.True(Math.Abs(hi) <= hmax && Math.Abs(lo) <= lmax, $"S = {s}, v = {value}: h {hi}, l {lo}");
            }
        }
    }

    [Fact]
    public void The_result_is_the_same_bytes_with_every_blas_provider()
    {
        const int units = 20, s = 3500;
        float[] x = TiedData(units, s, 11);

        var reference = SquaredSpearman.Compute(x, units, s, ReferenceBlas.Instance);
        var managed = SquaredSpearman.Compute(x, units, s, new ManagedBlas(threads: 2));
        var current = SquaredSpearman.Compute(x, units, s);

        Assert.Equal(reference.Squared, managed.Squared);
        Assert.Equal(reference.Squared, current.Squared);
    }

    [Fact]
    public void The_matrix_is_symmetric_with_a_zero_diagonal_and_values_in_the_unit_interval()
    {
        const int units = 30, s = 64;
        var result = SquaredSpearman.Compute(TiedData(units, s, 13), units, s);

        for (int i = 0; i < units; i++)
        {
            Assert.Equal(0f, result.Squared[i * units + i]);
            for (int j = 0; j < units; j++)
            {
                Assert.Equal(result.Squared[i * units + j], result.Squared[j * units + i]);
                Assert.InRange(result.Squared[i * units + j], 0f, 1f);
            }
        }
    }

    [Fact]
    public void Too_few_examples_or_a_mismatched_buffer_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SquaredSpearman.Compute(new float[3], 3, 1));
        Assert.Throws<ArgumentException>(() => SquaredSpearman.Compute(new float[10], 3, 3));
    }
}
