using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using LocalSpec.Pipeline;

namespace LocalSpec.Tests.Pipeline;

public sealed class CanonicalJsonTests
{
    // RFC 8785 Appendix B: IEEE-754 bit patterns and their canonical (ECMAScript) text.
    [Theory]
    [InlineData(0x0000000000000000UL, "0")]
    [InlineData(0x8000000000000000UL, "0")]
    [InlineData(0x0000000000000001UL, "5e-324")]
    [InlineData(0x8000000000000001UL, "-5e-324")]
    [InlineData(0x7fefffffffffffffUL, "1.7976931348623157e+308")]
    [InlineData(0xffefffffffffffffUL, "-1.7976931348623157e+308")]
    [InlineData(0x4340000000000000UL, "9007199254740992")]
    [InlineData(0xc340000000000000UL, "-9007199254740992")]
    [InlineData(0x4430000000000000UL, "295147905179352830000")]
    [InlineData(0x44b52d02c7e14af5UL, "9.999999999999997e+22")]
    [InlineData(0x44b52d02c7e14af6UL, "1e+23")]
    [InlineData(0x44b52d02c7e14af7UL, "1.0000000000000001e+23")]
    [InlineData(0x444b1ae4d6e2ef4eUL, "999999999999999700000")]
    [InlineData(0x444b1ae4d6e2ef4fUL, "999999999999999900000")]
    [InlineData(0x444b1ae4d6e2ef50UL, "1e+21")]
    [InlineData(0x3eb0c6f7a0b5ed8cUL, "9.999999999999997e-7")]
    [InlineData(0x3eb0c6f7a0b5ed8dUL, "0.000001")]
    [InlineData(0x41b3de4355555553UL, "333333333.3333332")]
    [InlineData(0x41b3de4355555554UL, "333333333.33333325")]
    [InlineData(0x41b3de4355555555UL, "333333333.3333333")]
    [InlineData(0x41b3de4355555556UL, "333333333.3333334")]
    [InlineData(0x41b3de4355555557UL, "333333333.33333343")]
    [InlineData(0xbecbf647612f3696UL, "-0.0000033333333333333333")]
    [InlineData(0x43143ff3c1cb0959UL, "1424953923781206.2")]
    public void Doubles_print_as_the_RFC_8785_test_vectors(ulong bits, string expected)
    {
        double value = BitConverter.UInt64BitsToDouble(bits);
        Assert.Equal(expected, CanonicalJson.FormatDouble(value));
        Assert.Equal(expected, CanonicalJson.Serialize(JsonValue.Create(value)));
    }

    [Fact]
    public void Common_parameter_values_have_one_stable_spelling()
    {
        Assert.Equal("0.001", CanonicalJson.FormatDouble(0.001));
        Assert.Equal("1e-7", CanonicalJson.FormatDouble(1e-7));
        Assert.Equal("0.30000000000000004", CanonicalJson.FormatDouble(0.1 + 0.2));
        Assert.Equal("0.05", CanonicalJson.FormatDouble(0.05));
        Assert.Equal("2", CanonicalJson.FormatDouble(2.0));
        Assert.Equal("0.1", CanonicalJson.Serialize(JsonValue.Create(0.1f)));
        Assert.Equal("2.5", CanonicalJson.Serialize(JsonValue.Create(2.50m)));
    }

    [Fact]
    public void RFC_8785_sample_canonicalises_to_the_published_text()
    {
        // RFC 8785 §3.2.2 input and §3.2.3 output.
        const string input = """
            {
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """;
        const string expected = "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
        Assert.Equal(expected, CanonicalJson.Serialize(JsonNode.Parse(input)));
    }

    [Fact]
    public void Members_sort_by_UTF16_code_units_as_in_RFC_8785()
    {
        // RFC 8785 §3.2.3 sorting example: "\r", "1", U+0080, "ö", "€", U+1F600, U+FB33.
        var obj = new JsonObject
        {
            ["\u20ac"] = "Euro Sign",
            ["\r"] = "Carriage Return",
            ["\ufb33"] = "Hebrew Letter Dalet With Dagesh",
            ["1"] = "One",
            ["\ud83d\ude00"] = "Emoji: Grinning Face",
            ["\u0080"] = "Control",
            ["\u00f6"] = "Latin Small Letter O With Diaeresis",
        };
        string text = CanonicalJson.Serialize(obj);
        string[] order = ["\\r", "1", "\u0080", "\u00f6", "\u20ac", "\ud83d\ude00", "\ufb33"];
        int[] positions = order.Select(name => text.IndexOf($"\"{name}\":", StringComparison.Ordinal)).ToArray();
        Assert.All(positions, p => Assert.True(p >= 0));
        Assert.Equal(positions.Order().ToArray(), positions);
    }

    [Fact]
    public void Integers_keep_every_digit_and_read_back_to_the_same_text()
    {
        var obj = new JsonObject
        {
            ["seed"] = ulong.MaxValue,
            ["big"] = long.MinValue,
            ["small"] = (byte)7,
            ["negative_zero"] = -0.0,
        };
        string text = CanonicalJson.Serialize(obj);
        Assert.Equal("{\"big\":-9223372036854775808,\"negative_zero\":0,\"seed\":18446744073709551615,\"small\":7}", text);
        Assert.Equal(text, CanonicalJson.Serialize(JsonNode.Parse(text)));
    }

    [Fact]
    public void Every_value_reads_back_to_the_same_canonical_text()
    {
        var rng = new LocalSpec.Numerics.Rng(2024);
        for (int trial = 0; trial < 2000; trial++)
        {
            // Random bit patterns cover subnormals, huge and tiny exponents; non-finite ones are skipped.
            double value = BitConverter.UInt64BitsToDouble(rng.NextUInt64());
            if (!double.IsFinite(value)) continue;
            string text = CanonicalJson.Serialize(JsonValue.Create(value));
            Assert.Equal(value, double.Parse(text, CultureInfo.InvariantCulture));
            Assert.Equal(text, CanonicalJson.Serialize(JsonNode.Parse(text)));
        }
    }

    [Fact]
    public void Output_is_the_same_under_comma_decimal_cultures()
    {
        var node = new JsonObject { ["lr"] = 0.001, ["tiny"] = 1e-7, ["sum"] = 0.1 + 0.2, ["k"] = 16, ["huge"] = 1.5e300 };
        string invariant = CanonicalJson.Serialize(node);
        var previous = CultureInfo.CurrentCulture;
        try
        {
            foreach (string culture in new[] { "de-DE", "fr-FR" })
            {
                CultureInfo.CurrentCulture = new CultureInfo(culture);
                Assert.Equal(invariant, CanonicalJson.Serialize(node));
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
        Assert.Equal("{\"huge\":1.5e+300,\"k\":16,\"lr\":0.001,\"sum\":0.30000000000000004,\"tiny\":1e-7}", invariant);
    }

    [Fact]
    public void Strings_escape_only_what_JSON_requires_and_stay_UTF8()
    {
        var node = JsonValue.Create("tab\tquote\"back\\slash/ctl\u0001 é 😀 <&>");
        string text = CanonicalJson.Serialize(node);
        Assert.Equal("\"tab\\tquote\\\"back\\\\slash/ctl\\u0001 é 😀 <&>\"", text);
        Assert.Equal(Encoding.UTF8.GetBytes(text), CanonicalJson.SerializeToUtf8Bytes(node));
    }

    [Fact]
    public void Values_that_are_not_JSON_are_refused()
    {
        Assert.Throws<ArgumentException>(() => CanonicalJson.Serialize(JsonValue.Create(double.NaN)));
        Assert.Throws<ArgumentException>(() => CanonicalJson.Serialize(JsonValue.Create(double.PositiveInfinity)));
        Assert.Throws<ArgumentException>(() => CanonicalJson.Serialize(JsonValue.Create("lone \ud800 surrogate")));
    }

    [Fact]
    public void Whitespace_and_nesting_do_not_matter_only_content_does()
    {
        var a = JsonNode.Parse("""{ "b": [1, 2.0, {"y": 1, "x": null}], "a": "s" }""");
        var b = new JsonObject { ["a"] = "s", ["b"] = new JsonArray(1, 2, new JsonObject { ["x"] = null, ["y"] = 1 }) };
        Assert.Equal("{\"a\":\"s\",\"b\":[1,2,{\"x\":null,\"y\":1}]}", CanonicalJson.Serialize(a));
        Assert.Equal(CanonicalJson.Serialize(a), CanonicalJson.Serialize(b));
        Assert.Equal("null", CanonicalJson.Serialize(null));
    }
}
