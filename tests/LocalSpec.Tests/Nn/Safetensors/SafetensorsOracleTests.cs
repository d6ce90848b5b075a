using System.Numerics;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using LocalSpec.Nn.Safetensors;
using Xunit;
using static LocalSpec.Tests.Nn.Safetensors.SafetensorsTestBytes;

namespace LocalSpec.Tests.Nn.Safetensors;

/// <summary>
/// Near-valid headers generated from parts (names that may repeat, dtypes that may be unknown,
/// dimensions and offsets that may be negative, fractional, huge or off by one, buffers of the
/// wrong length), judged by a separate oracle written with BigInteger arithmetic from the reference
/// crate's rules (Metadata::validate, read_metadata). The parser must accept exactly the headers the oracle accepts.
/// </summary>
public sealed class SafetensorsOracleTests
{
    public sealed record Entry(string Name, string DType, string[] Shape, string Begin, string End);

    public sealed record Spec(Entry[] Entries, string? MetadataJson, int BufferLength)
    {
        public override string ToString() => $"{Header()} + {BufferLength} data bytes";

        public string Header()
        {
            var parts = new List<string>();
            if (MetadataJson is not null) parts.Add($"\"__metadata__\":{MetadataJson}");
            parts.AddRange(Entries.Select(e =>
                $"\"{e.Name}\":{{\"dtype\":\"{e.DType}\",\"shape\":[{string.Join(",", e.Shape)}],\"data_offsets\":[{e.Begin},{e.End}]}}"));
            return "{" + string.Join(",", parts) + "}";
        }
    }

    private static readonly string[] Dims = ["0", "1", "2", "3", "4", "-1", "1.5", "4294967296", "4611686018427387904", "18446744073709551615", "18446744073709551616"];
    private static readonly string[] DTypes = ["F32", "F16", "U8", "F4", "F6_E3M2", "I64", "C64", "F33"];
    private static readonly Dictionary<string, int> Bits = new() { ["F32"] = 32, ["F16"] = 16, ["U8"] = 8, ["F4"] = 4, ["F6_E3M2"] = 6, ["I64"] = 64, ["C64"] = 64 };

    private static readonly Gen<Spec> Specs =
        from count in Gen.Choose(0, 4)
        from names in Gen.ArrayOf(Gen.Elements("a", "b", "c", "d", "e"), count)
        from dtypes in Gen.ArrayOf(Gen.Frequency((6, Gen.Elements(DTypes[..7])), (1, Gen.Constant("F33"))), count)
        from shapes in Gen.ArrayOf(Gen.Choose(0, 3).SelectMany(rank =>
            Gen.ArrayOf(Gen.Frequency((8, Gen.Elements("1", "2", "3", "4")), (1, Gen.Elements(Dims))), rank)), count)
        from jitter in Gen.ArrayOf(Gen.Frequency((10, Gen.Constant(0)), (1, Gen.Choose(-2, 2)), (1, Gen.Constant(99))), 2 * count)
        from gaps in Gen.ArrayOf(Gen.Frequency((8, Gen.Constant(0)), (1, Gen.Elements(1, 4, -4))), count)
        from metadata in Gen.Frequency((4, Gen.Constant<string?>(null)), (2, Gen.Constant<string?>("{\"k\":\"v\"}")),
            (1, Gen.Elements<string?>("null", "{\"k\":1}", "[]", "{\"k\":\"v\",\"k\":\"w\"}")))
        from bufferJitter in Gen.Frequency((6, Gen.Constant(0)), (1, Gen.Elements(-1, 1, 4)))
        select Build(names, dtypes, shapes, jitter, gaps, metadata, bufferJitter);

    /// <summary>
    /// Lays entries out contiguously as a writer would, except for gaps (a hole before the entry,
    /// or an overlap with the previous one when negative), then perturbs single offsets by the jitter.
    /// </summary>
    private static Spec Build(string[] names, string[] dtypes, string[][] shapes, int[] jitter, int[] gaps, string? metadata, int bufferJitter)
    {
        var entries = new Entry[names.Length];
        BigInteger cursor = 0;
        for (int i = 0; i < names.Length; i++)
        {
            BigInteger size = Bits.TryGetValue(dtypes[i], out int bits) && shapes[i].All(d => BigInteger.TryParse(d, out var v) && v >= 0)
                ? shapes[i].Aggregate(BigInteger.One, (p, d) => p * BigInteger.Parse(d)) * bits / 8
                : 4;
            if (size > 64) size = 4;
            cursor = BigInteger.Max(0, cursor + gaps[i]);
            BigInteger begin = cursor + (jitter[2 * i] == 99 ? BigInteger.Parse("18446744073709551615") : jitter[2 * i]);
            BigInteger end = cursor + size + jitter[2 * i + 1];
            entries[i] = new Entry(names[i], dtypes[i], shapes[i], begin.ToString(), end.ToString());
            cursor += size;
        }
        return new Spec(entries, metadata, (int)BigInteger.Max(0, cursor + bufferJitter));
    }

    /// <summary>The reference crate's acceptance rules, restated over exact integers.</summary>
    private static bool OracleAccepts(Spec spec)
    {
        BigInteger u64Max = ulong.MaxValue;
        if (spec.MetadataJson is "{\"k\":1}" or "[]" or "{\"k\":\"v\",\"k\":\"w\"}") return false;
        if (spec.Entries.Select(e => e.Name).Distinct().Count() != spec.Entries.Length) return false;
        var spans = new List<(BigInteger Begin, BigInteger End)>();
        foreach (var e in spec.Entries)
        {
            if (!Bits.TryGetValue(e.DType, out int bits)) return false;
            var numbers = e.Shape.Append(e.Begin).Append(e.End).ToArray();
            if (!numbers.All(n => BigInteger.TryParse(n, out var v) && v >= 0 && v <= u64Max && !n.Contains('.'))) return false;
            BigInteger begin = BigInteger.Parse(e.Begin), end = BigInteger.Parse(e.End);
            if (begin > end) return false;
            // LocalSpec's one deliberate deviation: shapes are longs, so a dimension over 2^63 - 1 is refused even beside a zero.
            if (e.Shape.Any(d => BigInteger.Parse(d) > long.MaxValue)) return false;
            BigInteger elements = 1;
            foreach (string d in e.Shape)
            {
                elements *= BigInteger.Parse(d);
                if (elements > u64Max) return false; // checked_mul fails at the first overflowing step
            }
            BigInteger totalBits = elements * bits;
            if (totalBits > u64Max || totalBits % 8 != 0 || totalBits / 8 != end - begin) return false;
            spans.Add((begin, end));
        }
        BigInteger cursor = 0;
        foreach (var (begin, end) in spans.OrderBy(s => s.Begin).ThenBy(s => s.End))
        {
            if (begin != cursor) return false;
            cursor = end;
        }
        return cursor == spec.BufferLength;
    }

    [Fact]
    public void The_parser_accepts_exactly_the_near_valid_headers_the_reference_rules_accept()
    {
        int accepted = 0, total = 0;
        Check.One(PropertyConfig(3000, 3), Prop.ForAll(Specs.ToArbitrary(), spec =>
        {
            byte[] bytes = FileBytes(spec.Header(), spec.BufferLength);
            bool parsed = ParsesOrRejectsCleanly(bytes);
            Assert.Equal(OracleAccepts(spec), parsed);
            total++;
            if (parsed) accepted++;
        }));
        // Both outcomes must be well represented, or the generator is not testing the boundary.
        Assert.InRange(accepted, total / 5, total - total / 5);
    }

    [Fact]
    public void Accepted_headers_keep_every_entry_in_offset_order()
    {
        var spec = new Spec(
            [new Entry("b", "F32", ["2"], "4", "12"), new Entry("a", "U8", ["4"], "0", "4"), new Entry("c", "F4", ["2", "0"], "12", "12")],
            "{\"k\":\"v\"}", 12);
        Assert.True(OracleAccepts(spec));
        var file = Parse(FileBytes(Encoding.UTF8.GetBytes(spec.Header()), new byte[12]));
        Assert.Equal(["a", "b", "c"], file.Tensors.Select(t => t.Name));
    }
}
