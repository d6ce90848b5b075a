using System.Buffers.Binary;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using LocalSpec.Nn.Safetensors;
using Xunit;
using static LocalSpec.Tests.Nn.Safetensors.SafetensorsTestBytes;

namespace LocalSpec.Tests.Nn.Safetensors;

/// <summary>
/// Corrupt and adversarial inputs: whatever the bytes, parsing either succeeds with a consistent
/// file or throws <see cref="SafetensorsFormatException"/>; no other exception, no hang, no huge allocation.
/// </summary>
public sealed class SafetensorsHostileInputTests
{
    private static readonly byte[] WriterFixture = File.ReadAllBytes(Fixture("writer_reference.safetensors"));
    private static readonly byte[] MixedFixture = File.ReadAllBytes(Fixture("mixed_dtypes.safetensors"));

    public static TheoryData<string> Fixtures => new() { "writer_reference.safetensors", "mixed_dtypes.safetensors" };

    private static byte[] Load(string name) => name.StartsWith("writer", StringComparison.Ordinal) ? WriterFixture : MixedFixture;

    [Fact]
    public void Random_byte_strings_are_parsed_or_cleanly_refused()
    {
        var bytes = Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf();
        Check.One(PropertyConfig(2000, 1), Prop.ForAll(bytes.ToArbitrary(), b => { ParsesOrRejectsCleanly(b); }));
    }

    [Fact]
    public void Random_token_soup_headers_with_a_correct_length_are_parsed_or_cleanly_refused()
    {
        string[] tokens =
        [
            "{", "}", "[", "]", ":", ",", " ", "\"a\"", "\"b\"", "\"dtype\"", "\"shape\"", "\"data_offsets\"", "\"__metadata__\"",
            "\"F32\"", "\"U8\"", "\"F4\"", "0", "1", "4", "8", "-1", "2.5", "1e3", "18446744073709551615", "18446744073709551616",
            "null", "true", "\"\\ud800\"", "\"\\u0000\"", "\"é\"",
        ];
        var soup =
            from parts in Gen.ListOf(Gen.Elements(tokens))
            from data in Gen.Choose(0, 12).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), n))
            select FileBytes(Encoding.UTF8.GetBytes(string.Concat(parts)), data);
        Check.One(PropertyConfig(3000, 2), Prop.ForAll(soup.ToArbitrary(), b => { ParsesOrRejectsCleanly(b); }));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Every_single_bit_flip_of_a_valid_file_is_parsed_or_cleanly_refused(string name)
    {
        byte[] original = Load(name);
        for (int position = 0; position < original.Length; position++)
        {
            for (int bit = 0; bit < 8; bit++)
            {
                byte[] corrupt = (byte[])original.Clone();
                corrupt[position] ^= (byte)(1 << bit);
                ParsesOrRejectsCleanly(corrupt);
            }
        }
    }

    [Fact]
    public void Every_byte_replaced_by_a_JSON_delimiter_is_parsed_or_cleanly_refused()
    {
        byte[] specials = "{}[]:,\"\\ -09e.".Select(c => (byte)c).Append((byte)0).Append((byte)0xFF).ToArray();
        for (int position = 0; position < WriterFixture.Length; position++)
        {
            foreach (byte special in specials)
            {
                byte[] corrupt = (byte[])WriterFixture.Clone();
                corrupt[position] = special;
                ParsesOrRejectsCleanly(corrupt);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Every_truncation_and_every_extension_of_a_valid_file_is_refused(string name)
    {
        byte[] original = Load(name);
        for (int length = 0; length < original.Length; length++)
            Rejects(original[..length]);
        Rejects([.. original, 0]);
        Rejects([.. original, .. new byte[8]]);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Only_the_true_header_length_parses(string name)
    {
        byte[] original = Load(name);
        ulong trueLength = BinaryPrimitives.ReadUInt64LittleEndian(original);
        var candidates = Enumerable.Range(0, original.Length + 16).Select(i => (ulong)i)
            .Concat(new ulong[] { 100_000_000, 100_000_001, uint.MaxValue, 1UL << 53, long.MaxValue, 1UL << 63, ulong.MaxValue, ulong.MaxValue - 7 });
        foreach (ulong headerLength in candidates)
        {
            byte[] changed = (byte[])original.Clone();
            BinaryPrimitives.WriteUInt64LittleEndian(changed, headerLength);
            long before = GC.GetAllocatedBytesForCurrentThread();
            bool parsed = ParsesOrRejectsCleanly(changed);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(headerLength == trueLength, parsed);
            Assert.True(allocated < 1_000_000, $"header length {headerLength}: allocated {allocated} bytes");
        }
    }

    [Fact]
    public void A_shape_claiming_petabytes_allocates_nothing_before_it_is_refused()
    {
        byte[] bytes = FileBytes("{\"a\":{\"dtype\":\"F64\",\"shape\":[1099511627776,1024],\"data_offsets\":[0,8]}}", 8);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Rejects(bytes);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1_000_000);
    }
}
