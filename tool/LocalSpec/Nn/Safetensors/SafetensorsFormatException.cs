using System.Text;

namespace LocalSpec.Nn.Safetensors;

/// <summary>
/// A safetensors file is malformed, or does not hold what the caller asked for. The message is
/// one line, <c>"{source}: {problem}"</c>, fit to show a user without a stack trace.
/// </summary>
public sealed class SafetensorsFormatException : Exception
{
    public SafetensorsFormatException(string sourceName, string problem)
        : base($"{sourceName}: {problem}")
    {
        SourceName = sourceName;
        Problem = problem;
    }

    /// <summary>The file name (or the label given to <see cref="SafetensorsFile.Parse"/>).</summary>
    public string SourceName { get; }

    /// <summary>The message without the source prefix.</summary>
    public string Problem { get; }

    private const int MaxQuotedLength = 80;
    private const int MaxSnippetLength = 32;

    /// <summary>
    /// A name from a file, quoted for a one-line message: control characters escaped and long
    /// names cut, so a hostile header cannot break or flood the message.
    /// </summary>
    internal static string Quote(string text)
    {
        string body = Escape(text, MaxQuotedLength);
        return text.Length > MaxQuotedLength ? $"'{body}...' ({text.Length} chars)" : $"'{body}'";
    }

    /// <summary>Raw JSON text of a value, cut to a readable length.</summary>
    internal static string Snippet(string rawJson) => Cut(rawJson, MaxSnippetLength);

    /// <summary>Text with control characters escaped, cut after <paramref name="maxChars"/> characters.</summary>
    internal static string Cut(string text, int maxChars)
    {
        string body = Escape(text, maxChars);
        return text.Length > maxChars ? body + "..." : body;
    }

    private static string Escape(string text, int maxChars)
    {
        int n = Math.Min(text.Length, maxChars);
        if (n < text.Length && n > 0 && char.IsHighSurrogate(text[n - 1])) n--;
        var sb = new StringBuilder(n + 8);
        for (int i = 0; i < n; i++)
        {
            char c = text[i];
            bool pairedSurrogate = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])
                || char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(text[i - 1]);
            if (char.IsControl(c) || c is '\u2028' or '\u2029' || char.IsSurrogate(c) && !pairedSurrogate)
                sb.Append($"\\u{(int)c:x4}");
            else
                sb.Append(c);
        }
        return sb.ToString();
    }
}
