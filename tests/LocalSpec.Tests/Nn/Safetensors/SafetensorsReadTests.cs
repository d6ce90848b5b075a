using System.Text;
using LocalSpec.Nn.Safetensors;
using Xunit;
using static LocalSpec.Tests.Nn.Safetensors.SafetensorsTestBytes;

namespace LocalSpec.Tests.Nn.Safetensors;

public sealed class SafetensorsReadTests
{
    /// <summary>F32 elements 0, 1, 2, ... as little-endian bytes.</summary>
    private static byte[] Counting(int count) =>
        Enumerable.Range(0, count).SelectMany(i => BitConverter.GetBytes((float)i)).ToArray();

    private static byte[] Padded(string header)
    {
        var bytes = Encoding.UTF8.GetBytes(header);
        return [.. bytes, .. Enumerable.Repeat((byte)' ', (8 - bytes.Length % 8) % 8)];
    }

    // The serialized files pinned in the reference crate's own tests (safetensors/src/tensor.rs:
    // test_serialization, test_serialization_forced_alignement, test_empty), rebuilt from their header text.
    // The crate pins the header lengths: 64 (no padding needed) and 72 (65 + 7 spaces).
    public static TheoryData<string, string, int[], byte> ReferenceVectors => new()
    {
        { "{\"attn.0\":{\"dtype\":\"F32\",\"shape\":[1,2,3],\"data_offsets\":[0,24]}}", "attn.0", [1, 2, 3], 64 },
        { "{\"attn0\":{\"dtype\":\"F32\",\"shape\":[1,1,2,3],\"data_offsets\":[0,24]}}", "attn0", [1, 1, 2, 3], 72 },
    };

    [Theory]
    [MemberData(nameof(ReferenceVectors))]
    public void Reference_crate_test_vectors_read_and_are_reproduced_byte_for_byte(string header, string name, int[] shape, byte headerLength)
    {
        byte[] bytes = FileBytes(Padded(header), Counting(6));
        Assert.Equal(headerLength, bytes[0]);

        var file = Parse(bytes);
        var tensor = Assert.Single(file.Tensors);
        Assert.Equal(name, tensor.Name);
        Assert.True(tensor.HasShape(shape));
        Assert.Equal([0f, 1f, 2f, 3f, 4f, 5f], tensor.ToFloat32());

        Assert.Equal(bytes, SafetensorsWriter.Serialize([new NamedTensor(name, shape, new float[] { 0, 1, 2, 3, 4, 5 })]));
    }

    [Fact]
    public void Reference_crate_empty_files_read_and_are_reproduced_byte_for_byte()
    {
        byte[] empty = [8, 0, 0, 0, 0, 0, 0, 0, (byte)'{', (byte)'}', 32, 32, 32, 32, 32, 32];
        Assert.Empty(Parse(empty).Tensors);
        Assert.Equal(empty, SafetensorsWriter.Serialize([]));

        byte[] withMetadata = FileBytes(Padded("{\"__metadata__\":{\"framework\":\"pt\"}}"), []);
        Assert.Equal(40, withMetadata[0]);
        Assert.Equal("pt", Parse(withMetadata).Metadata["framework"]);
        Assert.Equal(withMetadata, SafetensorsWriter.Serialize([], new Dictionary<string, string> { ["framework"] = "pt" }));
    }

    [Fact]
    public void Tensors_come_back_in_data_offset_order_whatever_the_JSON_order()
    {
        const string header = "{\"c\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}," +
                              "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}," +
                              "\"b\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[12,12]}," +
                              "\"z\":{\"dtype\":\"F16\",\"shape\":[1,0],\"data_offsets\":[8,8]}}";
        var file = Parse(FileBytes(Encoding.UTF8.GetBytes(header), Counting(3)));
        Assert.Equal(["a", "z", "c", "b"], file.Tensors.Select(t => t.Name));
        Assert.Equal([0f, 1f], file.GetFloat32("a"));
        Assert.Equal([2f], file.GetFloat32("c"));
        Assert.Empty(file.GetFloat32("z"));
    }

    [Theory]
    [InlineData("   {}   ")]
    [InlineData("\n\t{ }\r\n")]
    [InlineData("{}")]
    [InlineData("{\"__metadata__\":null}")]
    [InlineData("{\"__metadata__\":{}}")]
    public void Whitespace_padding_and_empty_or_null_metadata_are_accepted(string header)
    {
        var file = Parse(FileBytes(Encoding.UTF8.GetBytes(header), []));
        Assert.Empty(file.Tensors);
        Assert.Empty(file.Metadata);
        Assert.Equal(header.Length, file.HeaderLength);
    }

    [Fact]
    public void Unknown_fields_in_an_entry_are_ignored_as_the_reference_does()
    {
        var file = Parse(FileBytes(Encoding.UTF8.GetBytes(
            "{\"a\":{\"extra\":[1,{\"x\":null}],\"data_offsets\":[0,4],\"shape\":[],\"dtype\":\"F32\"}}"), Counting(1)));
        var tensor = file.Get("a");
        Assert.Empty(tensor.Shape);
        Assert.Equal(1, tensor.ElementCount);
    }

    [Fact]
    public void Metadata_enumerates_in_ordinal_key_order()
    {
        var file = Parse(FileBytes(Encoding.UTF8.GetBytes("{\"__metadata__\":{\"b\":\"2\",\"B\":\"1\",\"a\":\"3\"}}"), []));
        Assert.Equal(["B", "a", "b"], file.Metadata.Keys);
    }

    [Fact]
    public void Asking_for_a_missing_tensor_names_the_file_and_some_tensors_that_exist()
    {
        var file = Parse(FileBytes(Encoding.UTF8.GetBytes("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}"), Counting(1)));
        Assert.False(file.TryGet("b", out _));
        var ex = Assert.Throws<SafetensorsFormatException>(() => file.GetFloat32("b"));
        Assert.Equal($"{Source}: no tensor named 'b'; it has 'a'", ex.Message);
        Assert.Equal("no tensor named 'b'; it has 'a'", ex.Problem);
    }

    [Fact]
    public void Shape_dimensions_beyond_int32_are_kept_as_long_and_refused_as_int32()
    {
        var file = Parse(FileBytes(Encoding.UTF8.GetBytes("{\"a\":{\"dtype\":\"U8\",\"shape\":[3000000000,0],\"data_offsets\":[0,0]}}"), []));
        var tensor = file.Get("a");
        Assert.Equal([3_000_000_000L, 0L], tensor.Shape);
        var ex = Assert.Throws<SafetensorsFormatException>(() => tensor.ShapeAsInt32());
        Assert.Contains("dimension 0 (3000000000) exceeds 2147483647", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tensor_data_is_a_view_of_the_exact_bytes_after_the_header()
    {
        byte[] data = [1, 2, 3, 4, 5, 6, 7, 8];
        var file = Parse(FileBytes(Encoding.UTF8.GetBytes("{\"a\":{\"dtype\":\"U8\",\"shape\":[3],\"data_offsets\":[0,3]},\"b\":{\"dtype\":\"I8\",\"shape\":[5],\"data_offsets\":[3,8]}}"), data));
        Assert.Equal(new byte[] { 4, 5, 6, 7, 8 }, file.Get("b").Data.ToArray());
        Assert.Equal("b: I8 [5]", file.Get("b").ToString());
    }
}
