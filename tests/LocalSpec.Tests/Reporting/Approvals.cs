using LocalSpec.Tests.TestSupport;

namespace LocalSpec.Tests.Reporting;

/// <summary>
/// Golden files in the BenchmarkDotNet VerifiedFiles style: the approved output lives in
/// tests/LocalSpec.Tests/fixtures/reporting/ in the source tree; on a mismatch the actual output is
/// written beside it as <c>&lt;name&gt;.received.&lt;ext&gt;</c> and the test fails saying how to review and approve it.
/// </summary>
internal static class Approvals
{
    public static string Directory => Path.Combine(RepoPaths.Root, "tests", "LocalSpec.Tests", "fixtures", "reporting");

    public static string ReceivedName(string fileName) =>
        Path.GetFileNameWithoutExtension(fileName) + ".received" + Path.GetExtension(fileName);

    /// <summary>Null when <paramref name="actual"/> equals the approved file, else the failure message (the received file is written).</summary>
    public static string? Check(string fileName, byte[] actual)
    {
        string approved = Path.Combine(Directory, fileName);
        string received = Path.Combine(Directory, ReceivedName(fileName));
        byte[]? expected = File.Exists(approved) ? File.ReadAllBytes(approved) : null;
        if (expected is not null && expected.AsSpan().SequenceEqual(actual))
        {
            File.Delete(received);
            return null;
        }
        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllBytes(received, actual);
        string what = expected is null ? "has no approved file yet" : $"differs from the approved file ({FirstDifference(expected, actual)})";
        return $"{fileName} {what}. Review the output: diff -u '{approved}' '{received}'; if it is right, approve it: mv '{received}' '{approved}'.";
    }

    private static string FirstDifference(byte[] expected, byte[] actual)
    {
        string[] a = System.Text.Encoding.UTF8.GetString(expected).Split('\n');
        string[] b = System.Text.Encoding.UTF8.GetString(actual).Split('\n');
        for (int i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            string? x = i < a.Length ? a[i] : null, y = i < b.Length ? b[i] : null;
            if (x != y) return $"line {i + 1}: approved «{x ?? "<end of file>"}», received «{y ?? "<end of file>"}»";
        }
        return "same text, different bytes (line endings or encoding)";
    }
}
