using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LocalSpec.Pipeline;

/// <summary>
/// The one text form of a JSON value that stage keys are hashed from: RFC 8785 (JSON
/// Canonicalization Scheme) — object members sorted by UTF-16 code units (ordinal), no whitespace,
/// doubles in ECMAScript's shortest round-trip form (0.1 → <c>0.1</c>, 1e-7 → <c>1e-7</c>, 2.0 → <c>2</c>),
/// strings escaped only where JSON requires it (<c>\" \\ \b \f \n \r \t</c>, other controls as
/// <c>\u00xx</c>), everything else verbatim UTF-8. One deliberate departure: a number written
/// without fraction or exponent (any CLR integer, or an integer literal read back from JSON) keeps
/// all its digits, so 64-bit seeds survive; a double that happens to be integral still prints the
/// ECMAScript way, and both forms read back to the same text. No culture, clock or platform enters.
/// </summary>
public static class CanonicalJson
{
    /// <summary>The canonical text of <paramref name="node"/> (<c>null</c> → <c>"null"</c>).</summary>
    /// <exception cref="ArgumentException">NaN or infinity, or a string with a lone surrogate (neither is JSON).</exception>
    public static string Serialize(JsonNode? node)
    {
        var text = new StringBuilder();
        Write(text, node);
        return text.ToString();
    }

    /// <summary>UTF-8 bytes of <see cref="Serialize"/> (no byte-order mark): what a key hashes.</summary>
    public static byte[] SerializeToUtf8Bytes(JsonNode? node) => Encoding.UTF8.GetBytes(Serialize(node));

    /// <summary>ECMAScript <c>Number.prototype.toString</c> of a finite double (RFC 8785 §3.2.2.3).</summary>
    public static string FormatDouble(double value)
    {
        if (!double.IsFinite(value))
            throw new ArgumentException($"{value.ToString(CultureInfo.InvariantCulture)} is not a JSON number.", nameof(value));
        if (value == 0) return "0"; // also -0
        (string digits, int n) = ShortestDigits(Math.Abs(value));
        string sign = value < 0 ? "-" : "";
        int k = digits.Length;
        // value = 0.d1d2…dk × 10^n; the four cases of ECMA-262 Number::toString.
        if (k <= n && n <= 21) return sign + digits + new string('0', n - k);
        if (0 < n && n <= 21) return sign + digits[..n] + "." + digits[n..];
        if (-6 < n && n <= 0) return sign + "0." + new string('0', -n) + digits;
        int e = n - 1;
        string exponent = (e < 0 ? "-" : "+") + Math.Abs(e).ToString(CultureInfo.InvariantCulture);
        return k == 1 ? sign + digits + "e" + exponent : sign + digits[0] + "." + digits[1..] + "e" + exponent;
    }

    /// <summary>Shortest round-trip significant digits of a positive double and n with value = 0.digits × 10^n.</summary>
    private static (string Digits, int N) ShortestDigits(double positive)
    {
        // .NET Core 3.0+ "R" is the shortest string that round-trips (like ECMAScript); only its layout differs.
        string shortest = positive.ToString("R", CultureInfo.InvariantCulture);
        int exponent = 0;
        int ePos = shortest.IndexOfAny(['E', 'e']);
        string mantissa = shortest;
        if (ePos >= 0)
        {
            exponent = int.Parse(shortest.AsSpan(ePos + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            mantissa = shortest[..ePos];
        }
        int dot = mantissa.IndexOf('.');
        int integerDigits = dot < 0 ? mantissa.Length : dot;
        string all = mantissa.Replace(".", "", StringComparison.Ordinal);
        int leadingZeros = 0;
        while (leadingZeros < all.Length - 1 && all[leadingZeros] == '0') leadingZeros++;
        string digits = all[leadingZeros..].TrimEnd('0');
        int n = integerDigits - leadingZeros + exponent;
        return (digits.Length == 0 ? "0" : digits, n);
    }

    private static void Write(StringBuilder text, JsonNode? node)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonObject obj:
                text.Append('{');
                bool first = true;
                foreach (var (name, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!first) text.Append(',');
                    first = false;
                    WriteString(text, name);
                    text.Append(':');
                    Write(text, value);
                }
                text.Append('}');
                break;
            case JsonArray array:
                text.Append('[');
                for (int i = 0; i < array.Count; i++)
                {
                    if (i > 0) text.Append(',');
                    Write(text, array[i]);
                }
                text.Append(']');
                break;
            case JsonValue value:
                WriteValue(text, value);
                break;
            default:
                throw new ArgumentException($"Unsupported JSON node {node.GetType().Name}.", nameof(node));
        }
    }

    private static void WriteValue(StringBuilder text, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.Null:
                text.Append("null");
                break;
            case JsonValueKind.True:
                text.Append("true");
                break;
            case JsonValueKind.False:
                text.Append("false");
                break;
            case JsonValueKind.String:
                WriteString(text, value.TryGetValue(out string? s) ? s : JsonSerializer.Deserialize<string>(value.ToJsonString())!);
                break;
            case JsonValueKind.Number:
                text.Append(NumberText(value));
                break;
            default:
                // A JsonValue wrapping a CLR object or collection: canonicalise its JSON form.
                Write(text, JsonNode.Parse(value.ToJsonString()));
                break;
        }
    }

    private static string NumberText(JsonValue value)
    {
        bool finite = value.TryGetValue(out double d) ? double.IsFinite(d) : !value.TryGetValue(out float f) || float.IsFinite(f);
        if (!finite) throw new ArgumentException("NaN and infinity are not JSON numbers and cannot enter a stage key.");
        // Every CLR number type (and a number read from JSON) reaches here through its JSON literal;
        // System.Text.Json writes floating point in shortest round-trip form, so 0.1f stays 0.1.
        string literal = value.ToJsonString();
        if (literal.AsSpan().IndexOfAny(".eE") < 0)
        {
            var integer = BigInteger.Parse(literal, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            return integer.ToString(CultureInfo.InvariantCulture);
        }
        return FormatDouble(double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    private static void WriteString(StringBuilder text, string s)
    {
        text.Append('"');
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default:
                    if (c < 0x20)
                    {
                        text.Append("\\u00").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else if (char.IsSurrogate(c))
                    {
                        if (!char.IsHighSurrogate(c) || i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1]))
                            throw new ArgumentException($"The string \"{s}\" contains a lone surrogate at index {i}; it has no UTF-8 form.");
                        text.Append(c).Append(s[++i]);
                    }
                    else
                    {
                        text.Append(c);
                    }
                    break;
            }
        }
        text.Append('"');
    }
}
