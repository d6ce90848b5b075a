using LocalSpec.Numerics;
using Xunit;

namespace LocalSpec.Tests.Numerics;

public sealed class GemmShapeTests
{
    public static TheoryData<string> ManagedProviders() => new() { "reference", "managed" };

    private static IBlas Provider(string name) => name == "reference" ? ReferenceBlas.Instance : ManagedBlas.Instance;

    [Fact]
    public void Negative_dimensions_are_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => GemmShape.Validate(Transpose.No, Transpose.No, 2, -1, 2, 4, 2, 4, 2, 4, 2));

    [Theory]
    [InlineData(Transpose.No, 3, "A")]   // A is [M=2, K=4]: lda must be ≥ 4
    [InlineData(Transpose.Yes, 1, "A")]  // A is stored [K=4, M=2]: lda must be ≥ 2
    public void A_leading_dimension_below_the_stored_columns_is_rejected(Transpose transA, int lda, string operand)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            GemmShape.Validate(transA, Transpose.No, 2, 3, 4, 100, lda, 100, 3, 100, 3));
        Assert.Equal(operand, error.ParamName);
    }

    [Theory]
    [InlineData(Transpose.No, 2)]   // B is [K=4, N=3]: ldb must be ≥ 3
    [InlineData(Transpose.Yes, 3)]  // B is stored [N=3, K=4]: ldb must be ≥ 4
    public void B_leading_dimension_below_the_stored_columns_is_rejected(Transpose transB, int ldb) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => GemmShape.Validate(Transpose.No, transB, 2, 3, 4, 100, 4, 100, ldb, 100, 3));

    [Fact]
    public void Operands_shorter_than_their_shape_are_rejected_naming_the_operand()
    {
        // C is 2 × 3 with ldc = 5: needs (2 - 1)·5 + 3 = 8 elements.
        var error = Assert.Throws<ArgumentException>(() => GemmShape.Validate(Transpose.No, Transpose.No, 2, 3, 4, 8, 4, 12, 3, 7, 5));
        Assert.Equal("C", error.ParamName);
        Assert.Contains("needs 8 elements", error.Message);
        GemmShape.Validate(Transpose.No, Transpose.No, 2, 3, 4, 8, 4, 12, 3, 8, 5);
    }

    [Fact]
    public void Empty_products_need_leading_dimensions_of_at_least_one()
    {
        GemmShape.Validate(Transpose.No, Transpose.No, 0, 0, 0, 0, 1, 0, 1, 0, 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => GemmShape.Validate(Transpose.No, Transpose.No, 0, 0, 0, 0, 0, 0, 1, 0, 1));
    }

    [Theory]
    [MemberData(nameof(ManagedProviders))]
    public void Providers_validate_before_computing(string provider)
    {
        IBlas blas = Provider(provider);
        float[] c = [7f, 7f, 7f, 7f];
        Assert.Throws<ArgumentOutOfRangeException>(() => blas.Sgemm(Transpose.No, Transpose.No, 2, 2, 3, 1f, new float[6], 2, new float[6], 2, 0f, c, 2));
        Assert.Throws<ArgumentException>(() => blas.Sgemm(Transpose.No, Transpose.No, 2, 2, 3, 1f, new float[5], 3, new float[6], 2, 0f, c, 2));
        Assert.All(c, value => Assert.Equal(7f, value));
    }
}
