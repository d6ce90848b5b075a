using System.Text.Json;
using LocalSpec.Nn.Safetensors;
using Xunit;

namespace LocalSpec.Tests.Nn.Safetensors;

/// <summary>
/// Files made by fixtures/safetensors/make_fixtures.py (Python struct/json, following the reference
/// writer), with the float32 bit patterns Python computed in expected.json.
/// </summary>
public sealed class SafetensorsFixtureTests
{
    private static JsonElement Expected(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(SafetensorsTestBytes.Fixture("expected.json")));
        return doc.RootElement.GetProperty(file).Clone();
    }

    [Theory]
    [InlineData("mixed_dtypes.safetensors")]
    [InlineData("writer_reference.safetensors")]
    public void Python_written_fixture_reads_with_the_expected_names_shapes_offsets_metadata_and_values(string name)
    {
        var file = SafetensorsFile.Read(SafetensorsTestBytes.Fixture(name));
        var expected = Expected(name);

        var expectedMetadata = expected.GetProperty("metadata").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        Assert.Equal(expectedMetadata.OrderBy(kv => kv.Key, StringComparer.Ordinal), file.Metadata);

        var tensors = expected.GetProperty("tensors").EnumerateArray().ToArray();
        Assert.Equal(tensors.Length, file.Tensors.Count);
        for (int i = 0; i < tensors.Length; i++)
        {
            var want = tensors[i];
            var got = file.Tensors[i]; // both in data-offset order
            Assert.Equal(want.GetProperty("name").GetString(), got.Name);
            Assert.Equal(want.GetProperty("dtype").GetString(), got.DType.HeaderName());
            Assert.Equal(want.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()), got.Shape);
            var offsets = want.GetProperty("data_offsets").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            Assert.Equal(offsets, new[] { got.DataBegin, got.DataEnd });
            var bits = want.GetProperty("float32_bits").EnumerateArray().Select(b => b.GetUInt32()).ToArray();
            var values = got.ToFloat32(allowIntegerConversion: true);
            Assert.Equal(bits, values.Select(BitConverter.SingleToUInt32Bits).ToArray());
        }
        SafetensorsTestBytes.AssertConsistent(file, (int)new FileInfo(SafetensorsTestBytes.Fixture(name)).Length);
    }

    [Fact]
    public void A_PyTorch_state_dict_reads_to_the_values_torch_itself_reports()
    {
        // make_torch_fixture.py: tensor bytes from torch 1.13 (view as uint8), expected values from torch's .float().
        var file = SafetensorsFile.Read(SafetensorsTestBytes.Fixture("torch_state_dict.safetensors"));
        using var doc = JsonDocument.Parse(File.ReadAllBytes(SafetensorsTestBytes.Fixture("torch_expected.json")));
        var expected = doc.RootElement.GetProperty("tensors").EnumerateArray().ToArray();

        Assert.Equal(expected.Select(t => t.GetProperty("name").GetString()), file.Tensors.Select(t => t.Name));
        foreach (var want in expected)
        {
            var tensor = file.Get(want.GetProperty("name").GetString()!);
            var bits = want.GetProperty("float32_bits").EnumerateArray().Select(b => b.GetUInt32());
            Assert.Equal(bits, tensor.ToFloat32(allowIntegerConversion: true).Select(BitConverter.SingleToUInt32Bits));
        }
        Assert.True(file.Get("layers.0.weight").HasShape(4, 6)); // Linear(6, 4): [out, in]
        Assert.Equal(SafetensorsDType.BF16, file.Get("bf16.layers.0.weight").DType);
        Assert.Equal(SafetensorsDType.I64, file.Get("layers.1.num_batches_tracked").DType);
        Assert.Equal("pt", file.Metadata["format"]);
    }

    [Fact]
    public void Fixture_lookups_by_name_work_for_non_ASCII_and_escaped_names()
    {
        var file = SafetensorsFile.Read(SafetensorsTestBytes.Fixture("mixed_dtypes.safetensors"));
        Assert.Equal([1.5f], file.GetFloat32("layers.0.wéight \"q\"\\"));
        Assert.Equal([42f], file.GetFloat32("scalar"));
        Assert.Empty(file.Get("scalar").Shape);
        Assert.Empty(file.GetFloat32("empty"));
        Assert.True(file.Get("empty").HasShape(0, 3));
        Assert.Equal("line1\nline2\ttab \u0001 ctl / é ☃", file.Metadata["note"]);
    }

    [Fact]
    public void Writer_reproduces_the_reference_writer_bytes_when_given_the_same_order()
    {
        // The reference writer orders tensors by descending dtype alignment, then name; LocalSpec
        // keeps the caller's order, so feed it that order and the bytes must match exactly.
        const string name = "writer_reference.safetensors";
        var expected = Expected(name);
        var tensors = new List<NamedTensor>();
        foreach (var t in expected.GetProperty("tensors").EnumerateArray())
        {
            string tensorName = t.GetProperty("name").GetString()!;
            int[] shape = t.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray();
            tensors.Add(t.GetProperty("dtype").GetString() switch
            {
                "F32" => new NamedTensor(tensorName, shape, t.GetProperty("float32_bits").EnumerateArray().Select(b => BitConverter.UInt32BitsToSingle(b.GetUInt32())).ToArray()),
                "F64" => new NamedTensor(tensorName, shape, t.GetProperty("float64_bits").EnumerateArray().Select(b => BitConverter.UInt64BitsToDouble(b.GetUInt64())).ToArray()),
                "I64" => new NamedTensor(tensorName, shape, t.GetProperty("int64").EnumerateArray().Select(v => v.GetInt64()).ToArray()),
                var other => throw new InvalidOperationException(other),
            });
        }
        var metadata = expected.GetProperty("metadata").EnumerateObject().Reverse().ToDictionary(p => p.Name, p => p.Value.GetString()!);

        byte[] written = SafetensorsWriter.Serialize(tensors, metadata);

        Assert.Equal(File.ReadAllBytes(SafetensorsTestBytes.Fixture(name)), written);
    }
}
