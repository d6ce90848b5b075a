using System.Buffers.Binary;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using LocalSpec.Nn.Safetensors;
using Xunit;
using static LocalSpec.Tests.Nn.Safetensors.SafetensorsTestBytes;

namespace LocalSpec.Tests.Nn.Safetensors;

public sealed class SafetensorsWriterTests
{
    /// <param name="Bits">Each tensor's element bit patterns (F32 in the low 32 bits), kept to check the file's bytes independently.</param>
    public sealed record Case(NamedTensor[] Tensors, ulong[][] Bits, Dictionary<string, string> Metadata);

    /// <summary>Text pieces that stress the JSON escaping: controls, quotes, backslashes, non-ASCII, astral characters.</summary>
    private static readonly Gen<string> Text =
        Gen.Choose(0, 4).SelectMany(n => Gen.ListOf(Gen.OneOf(
                Gen.Choose(0x20, 0x7E).Select(c => ((char)c).ToString()),
                Gen.Choose(0x00, 0x1F).Select(c => ((char)c).ToString()),
                Gen.Elements("\"", "\\", "/", "\u007f", "é", "☃", "\u2028", "_", "__metadata", "😀", "\U0001F9E0")),
            n))
            .Select(parts => string.Concat(parts));

    private static readonly Gen<ulong> Bits64 =
        Gen.Choose(int.MinValue, int.MaxValue).Zip(Gen.Choose(int.MinValue, int.MaxValue), (hi, lo) => (ulong)(uint)hi << 32 | (uint)lo);

    private static readonly Gen<ulong> Bits32 = Gen.Frequency(
        (4, Bits64.Select(b => b >> 32)),
        (1, Gen.Elements(0f, -0f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.Epsilon, float.MaxValue, 1f)
            .Select(f => (ulong)BitConverter.SingleToUInt32Bits(f))));

    private static Gen<(NamedTensor Tensor, ulong[] Bits)> Tensor(string name) =>
        from shape in Gen.Choose(0, 4).SelectMany(rank => Gen.ArrayOf(Gen.Choose(0, 4), rank))
        from kind in Gen.Choose(0, 2)
        let count = shape.Aggregate(1, (a, b) => a * b)
        from bits in Gen.ArrayOf(kind == 0 ? Bits32 : Bits64, count)
        select kind switch
        {
            0 => (new NamedTensor(name, shape, bits.Select(b => BitConverter.UInt32BitsToSingle((uint)b)).ToArray()), bits),
            1 => (new NamedTensor(name, shape, bits.Select(BitConverter.UInt64BitsToDouble).ToArray()), bits),
            _ => (new NamedTensor(name, shape, bits.Select(b => (long)b).ToArray()), bits),
        };

    private static readonly Gen<Case> Cases =
        from names in Gen.Choose(0, 6).SelectMany(n => Gen.ListOf(Text, n))
        let distinct = names.Distinct(StringComparer.Ordinal).Where(n => n != "__metadata__").ToArray()
        from tensors in Gen.CollectToArray(distinct, Tensor)
        from keys in Gen.Choose(0, 4).SelectMany(n => Gen.ListOf(Text, n))
        from values in Gen.ListOf(Text, keys.Count)
        select new Case(
            tensors.Select(t => t.Tensor).ToArray(),
            tensors.Select(t => t.Bits).ToArray(),
            keys.Zip(values).DistinctBy(kv => kv.First, StringComparer.Ordinal).ToDictionary(kv => kv.First, kv => kv.Second));

    [Fact]
    public void Random_tensors_and_metadata_round_trip_exactly_and_serialize_deterministically()
    {
        Check.One(PropertyConfig(200, 0x5AFE), Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            byte[] bytes = SafetensorsWriter.Serialize(c.Tensors, c.Metadata);
            Assert.Equal(bytes, SafetensorsWriter.Serialize(c.Tensors, c.Metadata.Reverse().ToDictionary()));
            Assert.Equal(0UL, BinaryPrimitives.ReadUInt64LittleEndian(bytes) % 8);

            var file = Parse(bytes);
            Assert.Equal(c.Metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal), file.Metadata);
            Assert.Equal(c.Tensors.Length, file.Tensors.Count);
            for (int i = 0; i < c.Tensors.Length; i++)
            {
                var written = c.Tensors[i];
                var read = file.Tensors[i];
                Assert.Equal(written.Name, read.Name);
                Assert.Equal(written.DType, read.DType);
                Assert.Equal(written.Shape.Select(d => (long)d), read.Shape);
                Assert.Equal(LittleEndian(c.Bits[i], written.DType.BitSize() / 8), read.Data.ToArray());
                if (written.DType == SafetensorsDType.F32)
                    Assert.Equal(c.Bits[i], read.ToFloat32().Select(f => (ulong)BitConverter.SingleToUInt32Bits(f)));
            }
        }));
    }

    /// <summary>Element bit patterns as little-endian bytes, byte by byte (independent of the writer's code).</summary>
    private static byte[] LittleEndian(ulong[] bits, int bytesPerElement) =>
        bits.SelectMany(b => Enumerable.Range(0, bytesPerElement).Select(k => (byte)(b >> (8 * k)))).ToArray();

    [Fact]
    public void Writing_the_same_tensors_twice_gives_identical_files_and_leaves_the_second_untouched()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "model.safetensors");
        NamedTensor[] tensors = [new("w", [2, 2], new float[] { 1, 2, 3, 4 }), new("b", [2], new float[] { 5, 6 })];
        var metadata = new Dictionary<string, string> { ["arch"] = "mlp", ["seed"] = "1" };

        Assert.True(SafetensorsWriter.Write(path, tensors, metadata));
        byte[] first = File.ReadAllBytes(path);
        var stamp = new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, stamp);

        Assert.False(SafetensorsWriter.Write(path, tensors, metadata));
        Assert.Equal(first, File.ReadAllBytes(path));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(path));

        Assert.True(SafetensorsWriter.Write(path, tensors, new Dictionary<string, string> { ["arch"] = "cnn" }));
        Assert.Equal("cnn", SafetensorsFile.Read(path).Metadata["arch"]);
        Assert.Equal(["model.safetensors"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Tensors_keep_the_given_order_and_metadata_comes_first()
    {
        byte[] bytes = SafetensorsWriter.Serialize(
            [new NamedTensor("z", [1], new float[] { 1 }), new NamedTensor("a", [], new long[] { -1 }), new NamedTensor("m", [1], new double[] { 0.5 })],
            new Dictionary<string, string> { ["k"] = "v" });
        string header = Encoding.UTF8.GetString(bytes, 8, (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes));
        Assert.Equal("{\"__metadata__\":{\"k\":\"v\"},\"z\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}," +
                     "\"a\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[4,12]}," +
                     "\"m\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[12,20]}}" + new string(' ', 5), header); // 187 + 5 = 192
    }

    [Fact]
    public void Empty_or_null_metadata_writes_no_metadata_key()
    {
        byte[] none = SafetensorsWriter.Serialize([], null);
        Assert.Equal(none, SafetensorsWriter.Serialize([], new Dictionary<string, string>()));
        Assert.Equal("{}      ", Encoding.UTF8.GetString(none, 8, 8));
    }

    [Fact]
    public void Bad_tensor_lists_are_argument_errors()
    {
        float[] one = [1f];
        Assert.Throws<ArgumentException>(() => SafetensorsWriter.Serialize([new("a", [1], one), new("a", [1], one)]));
        Assert.Throws<ArgumentException>(() => SafetensorsWriter.Serialize([new("__metadata__", [1], one)]));
        Assert.Throws<ArgumentException>(() => SafetensorsWriter.Serialize([new("bad\ud800", [1], one)]));
        Assert.Throws<ArgumentException>(() => SafetensorsWriter.Serialize([], new Dictionary<string, string> { ["k"] = "\udc00" }));
        Assert.Throws<ArgumentException>(() => new NamedTensor("a", [2], one));
        Assert.Throws<ArgumentException>(() => new NamedTensor("a", [-1, -1], one));
        Assert.Throws<ArgumentException>(() => new NamedTensor("a", [65536, 65536, 65536], one));
        Assert.Equal(0, new NamedTensor("a", [65536, 65536, 0], Array.Empty<float>()).ElementCount);
    }

    [Fact]
    public void The_shape_is_copied_so_later_changes_to_the_callers_array_do_not_leak_in()
    {
        int[] shape = [2];
        var tensor = new NamedTensor("a", shape, new float[] { 1, 2 });
        shape[0] = 7;
        Assert.Equal([2], tensor.Shape);
    }
}
