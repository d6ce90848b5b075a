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

    public static TheoryData<string, bool, bool> EpilogueCases => new()
    {
        { "Store", true, false }, { "Logits", false, true }, { "Rectify", true, false }, { "Rectify", true, true }, { "Complement", false, false }, { "Complement", true, true },
    };

    /// <summary>
    /// The fused product on 24 rows (20 real), 64 columns, with per-row extra columns, against a double
    /// loop from the definitions in <see cref="LesionEpilogueMode"/>; the AVX-512 kernel and the
    /// scalar fallback must both agree with it, lists of switched units included (NaN counted).
    /// </summary>
    [Theory]
    [MemberData(nameof(EpilogueCases))]
    public void The_fused_product_adds_each_rows_extra_columns_then_applies_its_epilogue(string modeName, bool extrasIn, bool accumulate)
    {
        var mode = Enum.Parse<LesionEpilogueMode>(modeName);
        const int rows = 24, real = 20, n = 64, units = 50, lda = 56, ldb = 64, ldc = 70, stride = 72;
        var a = Random(14, rows * lda);
        var b = Random(15, units * ldb);
        var z = Random(16, n);
        z[3] = float.NaN;
        var h = z.Select(v => float.IsNaN(v) ? v : MathF.Max(v, 0f)).ToArray();
        int[] index = [.. Enumerable.Range(0, units).Where(u => u % 4 != 3)];
        // row r's extra columns: two of the units the index leaves out
        var listIn = new int[rows * stride];
        var countIn = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            countIn[r] = extrasIn ? 2 : 0;
            listIn[r * stride] = 3 + 4 * (r % 12);
            listIn[r * stride + 1] = 7 + 4 * (r % 10);
        }
        var c0 = Random(17, rows * ldc);
        foreach (bool simd in new[] { true, false })
        {
            if (simd && !Avx512F.IsSupported) continue;
            var c = (float[])c0.Clone();
            var output = new float[rows * stride];
            var listOut = new int[rows * stride];
            var countOut = new int[rows];
            fixed (float* pa = a, pb = b, pc = c, pz = z, ph = h, po = output)
            fixed (int* pi = index, pli = listIn, pci = countIn, plo = listOut, pco = countOut)
            {
                var epilogue = new LesionEpilogue
                {
                    Mode = mode, Sign = mode == LesionEpilogueMode.Logits ? -1f : 1f, Z = pz, H = ph, ZStride = 0, Out = po, OutStride = stride,
                    ExtrasIn = extrasIn ? pli : null, CountsIn = extrasIn ? pci : null, ExtrasOut = plo, CountsOut = pco,
                    ListStride = stride, CountStride = 1, RealRows = real,
                };
                if (simd) LesionFusedProduct.Run512(rows, n, index.Length, pa, lda, pi, pb, ldb, pc, ldc, accumulate, epilogue);
                else LesionFusedProduct.RunScalar(rows, n, index.Length, pa, lda, pi, pb, ldb, pc, ldc, accumulate, epilogue);
            }
            for (int r = 0; r < real; r++)
            {
                var expectedList = new List<int>();
                for (int j = 0; j < n; j++)
                {
                    double acc = accumulate ? c0[r * ldc + j] : 0, scale = 1 + Math.Abs(acc);
                    foreach (int u in index.Concat(listIn.Skip(r * stride).Take(countIn[r])))
                    {
                        acc += (double)a[r * lda + u] * b[u * ldb + j];
                        scale += Math.Abs((double)a[r * lda + u] * b[u * ldb + j]);
                    }
                    string what = $"{mode} simd={simd} row {r}, column {j}";
                    switch (mode)
                    {
                        case LesionEpilogueMode.Store:
                            AssertClose(acc, c[r * ldc + j], scale, what);
                            break;
                        case LesionEpilogueMode.Logits:
                            if (float.IsNaN(z[j])) Assert.True(float.IsNaN(c[r * ldc + j]), what);
                            else AssertClose(z[j] - acc, c[r * ldc + j], scale + Math.Abs(z[j]), what);
                            break;
                        default:
                            bool complement = mode == LesionEpilogueMode.Complement;
                            double pre = complement ? z[j] - acc : z[j] + acc;
                            double d = Math.Max(pre, 0) - h[j], expected = complement ? -(d + acc) : d;
                            if (double.IsNaN(pre)) Assert.True(float.IsNaN(output[r * stride + j]), what);
                            else AssertClose(expected, output[r * stride + j], scale + Math.Abs(z[j]), what);
                            bool listed = complement ? h[j] > 0 && !(pre > 0) : h[j] == 0 && !(pre <= 0);
                            if (double.IsNaN(pre) && float.IsNaN(h[j])) listed = false; // h NaN: neither h > 0 nor h == 0
                            if (listed) expectedList.Add(j);
                            break;
                    }
                }
                if (mode is LesionEpilogueMode.Rectify or LesionEpilogueMode.Complement)
                    Assert.Equal(expectedList, listOut.Skip(r * stride).Take(countOut[r]));
            }
        }
    }
}
