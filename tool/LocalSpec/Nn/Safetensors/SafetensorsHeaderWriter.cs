using System.Globalization;
using System.Text;

namespace LocalSpec.Nn.Safetensors;

/// <summary>
/// Writes the header JSON byte for byte as the reference crate does (serde_json compact output:
/// no spaces; strings escape only '"', '\\' and control characters, the latter as \b \t \n \f \r
/// or lowercase \u00xx; non-ASCII stays literal UTF-8), then pads with spaces to a multiple of 8
/// so the data buffer starts aligned.
/// </summary>
internal static class SafetensorsHeaderWriter
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <param name="metadata">Already in the order to write (ordinal by key); empty means no <c>__metadata__</c> key.</param>
    /// <param name="tensors">In buffer order, each with its data offsets.</param>
    internal static byte[] Build(IReadOnlyList<KeyValuePair<string, string>> metadata,
        IReadOnlyList<(NamedTensor Tensor, long Begin, long End)> tensors)
    {
        var json = new StringBuilder(64 + 96 * tensors.Count);
        json.Append('{');
        bool first = true;
        if (metadata.Count > 0)
        {
            AppendString(json, SafetensorsHeaderParser.MetadataKey).Append(":{");
            for (int i = 0; i < metadata.Count; i++)
            {
                if (i > 0) json.Append(',');
                AppendString(json, metadata[i].Key).Append(':');
                AppendString(json, metadata[i].Value);
            }
            json.Append('}');
            first = false;
        }
        foreach (var (tensor, begin, end) in tensors)
        {
            if (!first) json.Append(',');
            first = false;
            AppendString(json, tensor.Name).Append(":{\"dtype\":");
            AppendString(json, tensor.DType.HeaderName()).Append(",\"shape\":[");
            for (int d = 0; d < tensor.Shape.Count; d++)
            {
                if (d > 0) json.Append(',');
                json.Append(tensor.Shape[d].ToString(CultureInfo.InvariantCulture));
            }
            json.Append("],\"data_offsets\":[").Append(begin.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(end.ToString(CultureInfo.InvariantCulture)).Append("]}");
        }
        json.Append('}');

        byte[] utf8 = StrictUtf8.GetBytes(json.ToString()); // the caller has rejected lone surrogates already
        int padded = (utf8.Length + 7) / 8 * 8;
        var header = new byte[padded];
        utf8.CopyTo(header, 0);
        header.AsSpan(utf8.Length).Fill((byte)' ');
        return header;
    }

    private static StringBuilder AppendString(StringBuilder json, string text)
    {
        json.Append('"');
        foreach (char c in text)
        {
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\b': json.Append("\\b"); break;
                case '\t': json.Append("\\t"); break;
                case '\n': json.Append("\\n"); break;
                case '\f': json.Append("\\f"); break;
                case '\r': json.Append("\\r"); break;
                case < ' ': json.Append("\\u00").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture)); break;
                default: json.Append(c); break;
            }
        }
        return json.Append('"');
    }

    /// <summary>True if <paramref name="text"/> has no unpaired surrogate, i.e. encodes to UTF-8.</summary>
    internal static bool IsEncodable(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(text[i])) return false;
        }
        return true;
    }
}
