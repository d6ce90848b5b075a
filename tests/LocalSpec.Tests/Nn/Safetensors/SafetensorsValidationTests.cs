using System.Buffers.Binary;
using LocalSpec.Nn.Safetensors;
using Xunit;
using static LocalSpec.Tests.Nn.Safetensors.SafetensorsTestBytes;

namespace LocalSpec.Tests.Nn.Safetensors;

/// <summary>One crafted file per rule of the format; each must be refused with a message naming the problem.</summary>
public sealed class SafetensorsValidationTests
{
    private const string A4 = "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}";

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    public void A_file_shorter_than_the_length_prefix_is_refused(int length)
    {
        var ex = Rejects(new byte[length]);
        Assert.Equal($"{Source}: file is {length} bytes, shorter than the 8-byte header length", ex.Message);
    }

    [Fact]
    public void Reading_a_short_file_from_disk_names_the_path()
    {
        string path = Path.Combine(Path.GetTempPath(), $"localspec-short-{Guid.NewGuid():N}.safetensors");
        File.WriteAllBytes(path, [1, 2, 3]);
        try
        {
            var ex = Assert.Throws<SafetensorsFormatException>(() => SafetensorsFile.Read(path));
            Assert.Equal($"{path}: file is 3 bytes, shorter than the 8-byte header length", ex.Message);
            Assert.Equal(path, ex.SourceName);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(100_000_001UL)]
    [InlineData(1UL << 32)]
    [InlineData(1UL << 63)]
    [InlineData(ulong.MaxValue)]
    public void A_header_length_over_100MB_is_refused_before_anything_is_allocated(ulong headerLength)
    {
        var bytes = new byte[64];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, headerLength);
        var ex = Rejects(bytes);
        Assert.Equal($"{Source}: header length {headerLength} exceeds the 100000000-byte limit (corrupt file or not safetensors)", ex.Message);
    }

    [Theory]
    [InlineData(57UL)]
    [InlineData(100_000_000UL)]
    public void A_header_length_past_the_end_of_the_file_is_refused(ulong headerLength)
    {
        var bytes = new byte[64];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, headerLength);
        var ex = Rejects(bytes);
        Assert.Equal($"{Source}: header length {headerLength} runs past the end of the 64-byte file (truncated or not safetensors)", ex.Message);
    }

    [Fact]
    public void A_header_that_is_not_UTF8_is_refused()
    {
        var ex = Rejects(FileBytes([(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}'], []));
        Assert.Equal($"{Source}: header is not valid UTF-8", ex.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{\"a\":}")]
    [InlineData("{\"a\":1,}")]
    [InlineData("{} x")]
    [InlineData("{}\0")]
    [InlineData("\uFEFF{}")]
    [InlineData("{/*c*/}")]
    public void A_header_that_is_not_JSON_is_refused(string header)
    {
        RejectsWith(header, 0, "header is not valid JSON at line 1, byte ");
    }

    [Fact]
    public void Nesting_deeper_than_the_parser_limit_is_refused_not_overflowed()
    {
        string deep = "{\"a\":" + new string('[', 100_000) + new string(']', 100_000) + "}";
        RejectsWith(deep, 0, "header is not valid JSON at line 1, byte ");
    }

    [Theory]
    [InlineData("[]", "array")]
    [InlineData("\"x\"", "string")]
    [InlineData("null", "null")]
    [InlineData("12", "number")]
    [InlineData("true", "boolean")]
    public void A_header_that_is_not_a_JSON_object_is_refused(string header, string kind)
    {
        RejectsWith(header, 0, $"header is a JSON {kind}; expected an object mapping tensor names to entries");
    }

    [Theory]
    [InlineData("{\"a\":[1]}", "tensor 'a': entry is a JSON array; expected an object with dtype, shape and data_offsets")]
    [InlineData("{\"a\":{\"shape\":[1],\"data_offsets\":[0,4]}}", "tensor 'a': missing field 'dtype'")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", "tensor 'a': missing field 'shape'")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1]}}", "tensor 'a': missing field 'data_offsets'")]
    [InlineData("{\"a\":{\"dtype\":32,\"shape\":[1],\"data_offsets\":[0,4]}}", "tensor 'a': dtype is a JSON number; expected a string such as \"F32\"")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":\"1\",\"data_offsets\":[0,4]}}", "tensor 'a': shape is a JSON string; expected an array of non-negative integers")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":{\"b\":0}}}", "tensor 'a': data_offsets is a JSON object; expected an array of non-negative integers")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4,4]}}", "tensor 'a': data_offsets has 3 entries; expected [begin, end]")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4]}}", "tensor 'a': data_offsets has 1 entries; expected [begin, end]")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,\"4\"]}}", "tensor 'a': data_offsets[1] = \"4\" is not a non-negative 64-bit integer")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", "tensor 'a': field 'dtype' appears twice")]
    public void A_tensor_entry_with_missing_or_mistyped_fields_is_refused(string header, string message)
    {
        RejectsWith(header, 4, $"{Source}: {message}");
    }

    [Theory]
    [InlineData("F33")]
    [InlineData("f32")]
    [InlineData("float32")]
    public void An_unknown_dtype_is_refused_with_the_known_list(string dtype)
    {
        RejectsWith($"{{\"a\":{{\"dtype\":\"{dtype}\",\"shape\":[1],\"data_offsets\":[0,4]}}}}", 4,
            $"tensor 'a': unknown dtype '{dtype}' (known: BOOL, F4, F6_E2M3, F6_E3M2, U8, I8, F8_E5M2, F8_E4M3, F8_E8M0, I16, U16, F16, BF16, I32, U32, F32, C64, F64, I64, U64)");
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("2.0")]
    [InlineData("1e2")]
    [InlineData("1e30")]
    [InlineData("18446744073709551616")]
    [InlineData("null")]
    [InlineData("\"2\"")]
    public void A_shape_entry_that_is_not_a_non_negative_integer_is_refused(string dim)
    {
        RejectsWith($"{{\"a\":{{\"dtype\":\"F32\",\"shape\":[1,{dim}],\"data_offsets\":[0,4]}}}}", 4,
            $"tensor 'a': shape[1] = {dim} is not a non-negative 64-bit integer");
    }

    [Fact]
    public void A_size_that_disagrees_with_shape_and_dtype_is_refused()
    {
        RejectsWith("{\"a\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,20]}}", 20,
            "tensor 'a': shape [2, 3] of F32 needs 24 bytes but data_offsets [0, 20] span 20");
    }

    [Theory]
    [InlineData("[4294967296,4294967296]", "F32", "has more elements than fit in 64 bits")]
    [InlineData("[18446744073709551615,2,0]", "U8", "has more elements than fit in 64 bits")]
    [InlineData("[2305843009213693952]", "F32", "of F32 has more bits than fit in 64 bits")]
    [InlineData("[4611686018427387904,4]", "U8", "has more elements than fit in 64 bits")]
    public void Shapes_whose_size_overflows_64_bits_are_refused_not_wrapped(string shape, string dtype, string fragment)
    {
        RejectsWith($"{{\"a\":{{\"dtype\":\"{dtype}\",\"shape\":{shape},\"data_offsets\":[0,0]}}}}", 0, fragment);
    }

    [Fact]
    public void A_shape_whose_product_wraps_to_the_declared_size_is_still_refused()
    {
        // 2^62 F32 elements are 2^64 bytes, which a naive 64-bit byte count wraps to 0 = end - begin.
        RejectsWith("{\"a\":{\"dtype\":\"F32\",\"shape\":[4611686018427387904],\"data_offsets\":[0,0]}}", 0,
            "of F32 has more bits than fit in 64 bits");
    }

    [Fact]
    public void A_dimension_beyond_the_long_range_is_refused_even_beside_a_zero()
    {
        RejectsWith("{\"a\":{\"dtype\":\"U8\",\"shape\":[9223372036854775808,0],\"data_offsets\":[0,0]}}", 0,
            "tensor 'a': shape [9223372036854775808, 0] has a dimension over 9223372036854775807");
        Assert.Equal([long.MaxValue, 0L], Parse(FileBytes("{\"a\":{\"dtype\":\"U8\",\"shape\":[9223372036854775807,0],\"data_offsets\":[0,0]}}", 0)).Get("a").Shape);
    }

    [Fact]
    public void Packed_elements_that_do_not_fill_whole_bytes_are_refused()
    {
        RejectsWith("{\"a\":{\"dtype\":\"F4\",\"shape\":[3],\"data_offsets\":[0,2]}}", 2,
            "tensor 'a': 3 F4 elements do not fill a whole number of bytes");
    }

    [Fact]
    public void Offsets_that_begin_after_they_end_are_refused()
    {
        RejectsWith("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,4]}}", 8,
            "tensor 'a': data_offsets [8, 4] begin after they end");
    }

    [Fact]
    public void Offsets_past_the_data_buffer_are_refused()
    {
        RejectsWith("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 4,
            "tensor 'a': data_offsets [0, 8] run past the end of the 4-byte data buffer");
        RejectsWith("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[18446744073709551611,18446744073709551615]}}", 4,
            "run past the end of the 4-byte data buffer");
    }

    [Fact]
    public void Overlapping_tensors_are_refused()
    {
        RejectsWith("{\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]},\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 12,
            "tensor 'b' [4, 12] overlaps tensor 'a' [0, 8]");
        RejectsWith("{" + A4 + ",\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4, "tensor 'b' [0, 4] overlaps tensor 'a' [0, 4]");
    }

    [Fact]
    public void A_zero_size_tensor_inside_another_tensor_counts_as_overlap_as_in_the_reference()
    {
        RejectsWith("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"z\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[4,4]}}", 8,
            "tensor 'z' [4, 4] overlaps tensor 'a' [0, 8]");
    }

    [Fact]
    public void Holes_between_or_before_tensors_are_refused()
    {
        RejectsWith("{" + A4 + ",\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}", 12,
            "4-byte hole in the data buffer after tensor 'a' [0, 4], before tensor 'b' [8, 12]");
        RejectsWith("{\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8,
            "4-byte hole in the data buffer at the start of the data buffer, before tensor 'b' [4, 8]");
    }

    [Theory]
    [InlineData("{" + A4 + "}", 8, 4)]
    [InlineData("{}", 1, 0)]
    [InlineData("{\"__metadata__\":{\"k\":\"v\"}}", 3, 0)]
    public void Trailing_bytes_that_no_tensor_covers_are_refused(string header, int dataBytes, int covered)
    {
        RejectsWith(header, dataBytes, $"data buffer has {dataBytes} bytes but the tensors cover only {covered} (trailing bytes belong to no tensor)");
    }

    [Fact]
    public void Duplicate_tensor_names_are_refused_even_when_spelled_with_escapes()
    {
        RejectsWith("{" + A4 + "," + A4 + "}", 4, "header has the key 'a' twice");
        RejectsWith("{" + A4 + ",\"\\u0061\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8, "header has the key 'a' twice");
    }

    [Theory]
    [InlineData("{\"__metadata__\":{\"k\":1}}", "__metadata__ value for key 'k' is a JSON number; expected a string")]
    [InlineData("{\"__metadata__\":{\"k\":null}}", "__metadata__ value for key 'k' is a JSON null; expected a string")]
    [InlineData("{\"__metadata__\":{\"k\":{\"x\":\"y\"}}}", "__metadata__ value for key 'k' is a JSON object; expected a string")]
    [InlineData("{\"__metadata__\":[\"k\"]}", "__metadata__ is a JSON array; expected an object of string values")]
    [InlineData("{\"__metadata__\":\"k\"}", "__metadata__ is a JSON string; expected an object of string values")]
    [InlineData("{\"__metadata__\":{\"k\":\"v\",\"k\":\"w\"}}", "__metadata__ has the key 'k' twice")]
    [InlineData("{\"__metadata__\":{},\"__metadata__\":{}}", "header has the key '__metadata__' twice")]
    public void Metadata_that_is_not_a_map_of_strings_is_refused(string header, string message)
    {
        RejectsWith(header, 0, $"{Source}: {message}");
    }

    [Theory]
    [InlineData("{\"\\ud800\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", "header: a key is not a valid Unicode string")]
    [InlineData("{\"__metadata__\":{\"k\":\"\\udc00\"}}", "__metadata__ value for key 'k' is not a valid Unicode string")]
    [InlineData("{\"a\":{\"dtype\":\"\\ud800\",\"shape\":[1],\"data_offsets\":[0,4]}}", "tensor 'a': dtype is not a valid Unicode string")]
    public void Escaped_lone_surrogates_are_refused_as_the_reference_does(string header, string fragment)
    {
        RejectsWith(header, 4, fragment);
    }

    [Fact]
    public void Hostile_names_are_escaped_and_cut_in_messages()
    {
        string longName = new('x', 5000);
        RejectsWith($"{{\"{longName}\":{{\"dtype\":\"F99\",\"shape\":[1],\"data_offsets\":[0,4]}}}}", 4,
            $"tensor '{new string('x', 80)}...' (5000 chars): unknown dtype");
        RejectsWith("{\"line\\nbreak\\u0000\":{\"dtype\":\"F99\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4,
            "tensor 'line\\u000abreak\\u0000': unknown dtype");
    }
}
