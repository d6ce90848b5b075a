using LocalSpec.Nn.Safetensors;
using Xunit;

namespace LocalSpec.Tests.Nn.Safetensors;

public sealed class SafetensorsDTypeTests
{
    // Reference crate's Dtype::bitsize table (safetensors/src/tensor.rs), in its enum order.
    public static TheoryData<string, int> ReferenceBitSizes => new()
    {
        { "BOOL", 8 }, { "F4", 4 }, { "F6_E2M3", 6 }, { "F6_E3M2", 6 }, { "U8", 8 }, { "I8", 8 },
        { "F8_E5M2", 8 }, { "F8_E4M3", 8 }, { "F8_E8M0", 8 }, { "I16", 16 }, { "U16", 16 }, { "F16", 16 },
        { "BF16", 16 }, { "I32", 32 }, { "U32", 32 }, { "F32", 32 }, { "C64", 64 }, { "F64", 64 },
        { "I64", 64 }, { "U64", 64 },
    };

    [Theory]
    [MemberData(nameof(ReferenceBitSizes))]
    public void Every_reference_dtype_parses_by_its_header_name_with_its_bit_size(string name, int bits)
    {
        Assert.True(SafetensorsDTypes.TryParse(name, out var dtype));
        Assert.Equal(bits, dtype.BitSize());
        Assert.Equal(name, dtype.HeaderName());
        Assert.Equal(bits % 8 == 0 ? bits / 8 : null, dtype.ByteSize());
    }

    [Fact]
    public void The_enum_has_exactly_the_reference_dtypes_in_the_reference_order()
    {
        var names = ReferenceBitSizes.Select(row => (string)row[0]).ToArray();
        Assert.Equal(names, SafetensorsDTypes.All.Select(d => d.HeaderName()).ToArray());
    }

    [Theory]
    [InlineData("f32")]
    [InlineData("F32 ")]
    [InlineData(" F32")]
    [InlineData("15")]
    [InlineData("F32,I64")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("FLOAT")]
    public void Header_names_parse_exactly_and_nothing_else(string? text)
    {
        Assert.False(SafetensorsDTypes.TryParse(text, out _));
    }

    [Fact]
    public void Float_and_integer_classes_partition_the_convertible_dtypes()
    {
        var floats = SafetensorsDTypes.All.Where(d => d.IsSupportedFloat()).Select(d => d.HeaderName()).ToArray();
        var integers = SafetensorsDTypes.All.Where(d => d.IsInteger()).Select(d => d.HeaderName()).ToArray();
        Assert.Equal(["F16", "BF16", "F32", "F64"], floats);
        Assert.Equal(["BOOL", "U8", "I8", "I16", "U16", "I32", "U32", "I64", "U64"], integers);
    }
}
