using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using LocalSpec.Measures;

namespace LocalSpec.Tests.Measures;

/// <summary>The lesion paths' SIMD loops against double-precision loops written from their definitions.</summary>
public sealed unsafe class LesionKernelsTests
{
    private static float[] Random(ulong seed, int length)
    {
        var rng = new LocalSpec.Numerics.Rng(seed);
        var values = new float[length];
        for (int i = 0; i < length; i++) values[i] = (float)rng.NextGaussian();
        return values;
    }

    private static void AssertClose(double expected, float actual, double scale, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-5 * scale, $"{what}: expected {expected}, got {actual}");

    public static TheoryData<string> GatherVariants => ["dispatch", "512", "256", "scalar"];

    public static TheoryData<string, bool> GatherProductCases => new()
    {
        { "dispatch", false }, { "512", false }, { "256", false }, { "scalar", false }, { "512", true }, { "256", true }, { "scalar", true },
    };

    [Theory]
    [MemberData(nameof(GatherProductCases))]
    public void Gather_product_sums_over_the_listed_columns_only(string variant, bool accumulate)
    {
        if (variant == "512" && !Avx512F.IsSupported || variant == "256" && !(Fma.IsSupported && Avx2.IsSupported)) return;
        const int rows = 24, n = 64, inner = 50, lda = 53, ldb = 70, ldc = 66;
        var a = Random(1, rows * lda);
        var b = Random(2, inner * ldb);
        var c = Random(3, rows * ldc); // overwritten unless accumulating
        var before = (float[])c.Clone();
        int[] index = [.. Enumerable.Range(0, inner).Where(u => u % 3 != 1)];
        fixed (float* pa = a, pb = b, pc = c)
        fixed (int* pi = index)
        {
            switch (variant)
            {
                case "512": LesionKernels.GatherProduct512(rows, n, index.Length, pa, lda, pi, pb, ldb, pc, ldc, accumulate); break;
                case "256": LesionKernels.GatherProduct256(rows, n, index.Length, pa, lda, pi, pb, ldb, pc, ldc, accumulate); break;
                case "scalar": LesionKernels.GatherProductScalar(rows, n, index.Length, pa, lda, pi, pb, ldb, pc, ldc, accumulate); break;
                default: LesionKernels.GatherProduct(rows, n, index.Length, pa, lda, pi, pb, ldb, pc, ldc); break;
            }
        }
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = accumulate ? before[r * ldc + j] : 0, scale = 1;
                foreach (int u in index)
                {
                    sum += (double)a[r * lda + u] * b[u * ldb + j];
                    scale += Math.Abs((double)a[r * lda + u] * b[u * ldb + j]);
                }
                AssertClose(sum, c[r * ldc + j], scale, $"C[{r}, {j}]");
            }
        }
    }

    [Theory]
    [MemberData(nameof(GatherVariants))]
    public void Accumulate_adds_the_signed_listed_rows_scaled_by_their_coefficients(string variant)
    {
        if (variant == "512" && !Avx512F.IsSupported || variant == "256" && !(Fma.IsSupported && Avx2.IsSupported)) return;
        const int n = 160, rows = 40, ldb = 170;
        var b = Random(4, rows * ldb);
        var coef = Random(5, rows);
        var row = Random(6, n);
        var before = (float[])row.Clone();
        int[] index = [3, 17, 18, 39, 0];
        fixed (float* pr = row, pc = coef, pb = b)
        fixed (int* pi = index)
        {
            switch (variant)
            {
                case "512": LesionKernels.Accumulate512(pr, n, pc, pi, index.Length, -1f, pb, ldb); break;
                case "256": LesionKernels.Accumulate256(pr, n, pc, pi, index.Length, -1f, pb, ldb); break;
                case "scalar": LesionKernels.AccumulateScalar(pr, n, pc, pi, index.Length, -1f, pb, ldb); break;
                default: LesionKernels.Accumulate(pr, n, pc, pi, index.Length, -1f, pb, ldb); break;
            }
        }
        for (int j = 0; j < n; j++)
        {
            double expected = before[j] - index.Sum(f => (double)coef[f] * b[f * ldb + j]);
            AssertClose(expected, row[j], 1 + index.Sum(f => Math.Abs((double)coef[f] * b[f * ldb + j])), $"row[{j}]");
        }
    }

    [Theory]
    [InlineData(8, 32, 5, false, 1f)]
    [InlineData(64, 100, 576, true, -1f)]
    [InlineData(13, 70, 200, false, 1f)]
    [InlineData(3, 31, 1, true, 1f)]
    public void Product_adds_or_writes_alpha_times_a_b_with_edges_in_both_directions(int m, int n, int k, bool accumulate, float alpha)
    {
        int lda = k + 3, ldb = n + 5, ldc = n + 7;
        var a = Random(7, m * lda);
        var b = Random(8, k * ldb);
        var c = Random(9, m * ldc);
        var before = (float[])c.Clone();
        fixed (float* pa = a, pb = b, pc = c)
            LesionKernels.Product(m, n, k, alpha, pa, lda, pb, ldb, accumulate, pc, ldc);
        for (int r = 0; r < m; r++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0, scale = 1;
                for (int p = 0; p < k; p++)
                {
                    sum += (double)a[r * lda + p] * b[p * ldb + j];
                    scale += Math.Abs((double)a[r * lda + p] * b[p * ldb + j]);
                }
                AssertClose((accumulate ? before[r * ldc + j] : 0) + alpha * sum, c[r * ldc + j], scale, $"C[{r}, {j}]");
            }
            // columns past n are not touched
            for (int j = n; j < ldc; j++) Assert.Equal(before[r * ldc + j], c[r * ldc + j]);
        }
    }

    [Fact]
    public void The_complement_form_stores_minus_the_rest_and_lists_active_units_switched_off()
    {
        const int n = 64;
        var z = Random(12, n);
        var h = z.Select(v => MathF.Max(v, 0f)).ToArray();
        var c = Random(13, n);
        c[7] = float.NaN;
        var d = new float[n];
        var extras = new int[n];
        int count;
        fixed (float* pc = c, pz = z, ph = h, pd = d)
        fixed (int* pe = extras)
            count = LesionKernels.RectifyComplement(pc, pz, ph, pd, n, pe);
        var expected = new List<int>();
        for (int j = 0; j < n; j++)
        {
            double r = (double)z[j] - c[j], rest = Math.Max(r, 0) - h[j] + c[j];
            if (double.IsNaN(r)) Assert.True(float.IsNaN(d[j]));
            else AssertClose(-rest, d[j], 1 + Math.Abs(z[j]) + Math.Abs(c[j]), $"d[{j}]");
            if (h[j] > 0 && !(r > 0)) expected.Add(j);
            else if (h[j] > 0) Assert.True(Math.Abs(d[j]) <= 1e-6 * (1 + Math.Abs(z[j]) + Math.Abs(c[j])), "active in both: the rest vanishes");
        }
        Assert.Equal(expected, extras.Take(count));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Rectify_gives_the_relu_change_and_lists_units_switched_on_including_nan(bool simd)
    {
        if (simd && !Vector512.IsHardwareAccelerated) return;
        const int n = 64;
        var z = Random(10, n);
        var h = z.Select(v => MathF.Max(v, 0f)).ToArray();
        var c = Random(11, n);
        c[5] = float.NaN;
        var before = (float[])c.Clone();
        var d = new float[n];
        var extras = new int[n];
        int count;
        fixed (float* pc = c, pz = z, ph = h, pd = d)
        fixed (int* pe = extras)
            count = simd ? LesionKernels.Rectify512(pc, -1f, pz, ph, pd, n, pe) : LesionKernels.RectifyScalar(pc, -1f, pz, ph, pd, n, pe);
        var expected = new List<int>();
        for (int j = 0; j < n; j++)
        {
            float r = z[j] - before[j];
            Assert.Equal(r, c[j]);
            if (float.IsNaN(r)) Assert.True(float.IsNaN(d[j]));
            else Assert.Equal(MathF.Max(r, 0f) - h[j], d[j]);
            if (h[j] == 0f && !(r <= 0f)) expected.Add(j);
        }
        Assert.Contains(5, expected);
        Assert.Equal(expected, extras.Take(count));
    }
}
