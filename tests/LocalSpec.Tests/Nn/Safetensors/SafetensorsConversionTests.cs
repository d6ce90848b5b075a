using LocalSpec.Nn.Safetensors;
using LocalSpec.Numerics;
using Xunit;

namespace LocalSpec.Tests.Nn.Safetensors;

public sealed class SafetensorsConversionTests
{
    /// <summary>
    /// Independent oracle: the value of a little binary float with the given field widths, from
    /// the IEEE 754 definition (bias 2^(e-1) - 1, subnormals at exponent 0, all-ones = inf/NaN).
    /// </summary>
    private static double MiniFloat(uint bits, int exponentBits, int mantissaBits)
    {
        int bias = (1 << (exponentBits - 1)) - 1;
        double sign = ((bits >> (exponentBits + mantissaBits)) & 1) == 1 ? -1.0 : 1.0;
        uint exponent = (bits >> mantissaBits) & ((1u << exponentBits) - 1);
        uint mantissa = bits & ((1u << mantissaBits) - 1);
        if (exponent == (1u << exponentBits) - 1)
            return mantissa == 0 ? sign * double.PositiveInfinity : double.NaN;
        if (exponent == 0)
            return sign * Math.ScaleB(mantissa, 1 - bias - mantissaBits);
        return sign * Math.ScaleB((1u << mantissaBits) + mantissa, (int)exponent - bias - mantissaBits);
    }

    private static SafetensorsTensor SingleTensor(string dtype, int count, byte[] data)
    {
        var bytes = SafetensorsTestBytes.FileBytes(
            System.Text.Encoding.UTF8.GetBytes($"{{\"t\":{{\"dtype\":\"{dtype}\",\"shape\":[{count}],\"data_offsets\":[0,{data.Length}]}}}}"), data);
        return SafetensorsTestBytes.Parse(bytes).Get("t");
    }

    private static byte[] AllSixteenBitPatterns()
    {
        var data = new byte[2 * 65536];
        for (int i = 0; i < 65536; i++)
        {
            data[2 * i] = (byte)i;          // little-endian: low byte first
            data[2 * i + 1] = (byte)(i >> 8);
        }
        return data;
    }

    [Theory]
    [InlineData("F16", 5, 10)]
    [InlineData("BF16", 8, 7)]
    public void Every_sixteen_bit_pattern_decodes_to_its_IEEE_value(string dtype, int exponentBits, int mantissaBits)
    {
        float[] values = SingleTensor(dtype, 65536, AllSixteenBitPatterns()).ToFloat32();
        for (uint bits = 0; bits < 65536; bits++)
        {
            double expected = MiniFloat(bits, exponentBits, mantissaBits);
            float actual = values[bits];
            if (double.IsNaN(expected))
            {
                Assert.True(float.IsNaN(actual), $"{dtype} 0x{bits:x4}");
                Assert.Equal(bits >> 15, BitConverter.SingleToUInt32Bits(actual) >> 31);
            }
            else
            {
                // Every F16/BF16 value is exact in float32, so compare bit patterns (distinguishes -0).
                Assert.True(BitConverter.SingleToUInt32Bits((float)expected) == BitConverter.SingleToUInt32Bits(actual),
                    $"{dtype} 0x{bits:x4}: expected {expected:R}, got {actual:R}");
            }
        }
    }

    [Fact]
    public void Bf16_widening_keeps_NaN_payloads()
    {
        float[] values = SingleTensor("BF16", 2, [0x01, 0x7F, 0x41, 0xFF]).ToFloat32();
        Assert.Equal(0x7F010000u, BitConverter.SingleToUInt32Bits(values[0]));
        Assert.Equal(0xFF410000u, BitConverter.SingleToUInt32Bits(values[1]));
    }

    [Fact]
    public void F32_bulk_copy_and_per_element_reads_agree_bit_for_bit_with_a_manual_little_endian_decode()
    {
        var rng = new Rng(20261122);
        var data = new byte[4 * 1000];
        for (int i = 0; i < data.Length; i++) data[i] = (byte)rng.NextInt(256);
        var bulk = new float[1000];
        var perElement = new float[1000];
        SafetensorsDecoding.ToFloat32(SafetensorsDType.F32, data, bulk, bulkCopyF32: BitConverter.IsLittleEndian);
        SafetensorsDecoding.ToFloat32(SafetensorsDType.F32, data, perElement, bulkCopyF32: false);
        for (int i = 0; i < 1000; i++)
        {
            uint manual = data[4 * i] | (uint)data[4 * i + 1] << 8 | (uint)data[4 * i + 2] << 16 | (uint)data[4 * i + 3] << 24;
            Assert.Equal(manual, BitConverter.SingleToUInt32Bits(bulk[i]));
            Assert.Equal(manual, BitConverter.SingleToUInt32Bits(perElement[i]));
        }
    }

    [Fact]
    public void F64_elements_are_read_little_endian_and_rounded_to_the_nearest_float()
    {
        var rng = new Rng(7);
        var data = new byte[8 * 500];
        for (int i = 0; i < data.Length; i++) data[i] = (byte)rng.NextInt(256);
        float[] values = SingleTensor("F64", 500, data).ToFloat32();
        for (int i = 0; i < 500; i++)
        {
            ulong manual = 0;
            for (int b = 7; b >= 0; b--) manual = manual << 8 | data[8 * i + b];
            float expected = (float)BitConverter.UInt64BitsToDouble(manual);
            Assert.Equal(BitConverter.SingleToUInt32Bits(expected), BitConverter.SingleToUInt32Bits(values[i]));
        }
        Assert.Equal(0.1f, SingleTensor("F64", 1, BitConverter.GetBytes(0.1))!.ToFloat32()[0]);
    }

    public static TheoryData<string, byte[], float[]> IntegerCases => new()
    {
        { "BOOL", [0, 1, 2, 255], [0f, 1f, 1f, 1f] },
        { "U8", [0, 1, 128, 255], [0f, 1f, 128f, 255f] },
        { "I8", [0, 1, 128, 255], [0f, 1f, -128f, -1f] },
        { "I16", [0x00, 0x80, 0xFF, 0x7F], [-32768f, 32767f] },
        { "U16", [0x00, 0x80, 0xFF, 0xFF], [32768f, 65535f] },
        { "I32", [0xFE, 0xFF, 0xFF, 0xFF, 0x00, 0x01, 0x00, 0x00], [-2f, 256f] },
        { "U32", [0xFF, 0xFF, 0xFF, 0xFF, 0x03, 0x00, 0x00, 0x00], [4294967295f, 3f] },
        { "I64", [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00], [-1f, 281474976710656f] },
        { "U64", [0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80], [9223372036854775808f] },
    };

    [Theory]
    [MemberData(nameof(IntegerCases))]
    public void Integer_tensors_convert_by_value_when_asked(string dtype, byte[] data, float[] expected)
    {
        var tensor = SingleTensor(dtype, expected.Length, data);
        Assert.Equal(expected, tensor.ToFloat32(allowIntegerConversion: true));
    }

    [Theory]
    [MemberData(nameof(IntegerCases))]
    public void Integer_tensors_are_refused_unless_asked(string dtype, byte[] data, float[] expected)
    {
        var tensor = SingleTensor(dtype, expected.Length, data);
        var ex = Assert.Throws<SafetensorsFormatException>(() => tensor.ToFloat32());
        Assert.Equal($"test.safetensors: tensor 't' has dtype {dtype}, which LocalSpec does not read as float32; integer tensors convert to float32 only when allowIntegerConversion is set", ex.Message);
    }

    [Theory]
    [InlineData("F8_E4M3", 2, 2)]
    [InlineData("F8_E5M2", 2, 2)]
    [InlineData("F8_E8M0", 2, 2)]
    [InlineData("C64", 1, 8)]
    [InlineData("F4", 4, 2)]
    [InlineData("F6_E2M3", 4, 3)]
    public void Other_dtypes_parse_but_are_refused_as_float32_even_when_integers_are_allowed(string dtype, int count, int bytes)
    {
        var tensor = SingleTensor(dtype, count, new byte[bytes]);
        Assert.Equal(count, tensor.ElementCount);
        var ex = Assert.Throws<SafetensorsFormatException>(() => tensor.ToFloat32(allowIntegerConversion: true));
        Assert.Contains($"has dtype {dtype}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CopyToFloat32_fills_a_view_of_a_larger_buffer_and_checks_its_length()
    {
        var tensor = SingleTensor("F32", 2, [0, 0, 0x80, 0x3F, 0, 0, 0, 0xC0]);
        var flat = new float[5];
        tensor.CopyToFloat32(flat.AsSpan(2, 2));
        Assert.Equal([0f, 0f, 1f, -2f, 0f], flat);
        var ex = Assert.Throws<ArgumentException>(() => tensor.CopyToFloat32(flat.AsSpan(0, 3)));
        Assert.Contains("has 2 elements but the destination holds 3", ex.Message, StringComparison.Ordinal);
    }
}
