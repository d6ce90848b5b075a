using System.Buffers.Binary;
using System.Text;
using FsCheck;
using LocalSpec.Nn.Safetensors;
using Xunit;

namespace LocalSpec.Tests.Nn.Safetensors;

/// <summary>Builds raw safetensors bytes by hand and checks how the parser treats them.</summary>
internal static class SafetensorsTestBytes
{
    public const string Source = "test.safetensors";

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", "safetensors", name);

    /// <summary>8-byte length + <paramref name="headerJson"/> as UTF-8 (unpadded) + <paramref name="dataBytes"/> bytes 0, 1, 2, ...</summary>
    public static byte[] FileBytes(string headerJson, int dataBytes) =>
        FileBytes(Encoding.UTF8.GetBytes(headerJson), Enumerable.Range(0, dataBytes).Select(i => (byte)i).ToArray());

    public static byte[] FileBytes(byte[] header, byte[] data)
    {
        var bytes = new byte[8 + header.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)header.Length);
        header.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + header.Length);
        return bytes;
    }

    public static SafetensorsFile Parse(byte[] bytes) => SafetensorsFile.Parse(bytes, Source);

    /// <summary>Asserts a clean rejection: the format exception, one line, starting with the source name.</summary>
    public static SafetensorsFormatException Rejects(byte[] bytes)
    {
        var ex = Assert.Throws<SafetensorsFormatException>(() => SafetensorsFile.Parse(bytes, Source));
        AssertOneLine(ex);
        return ex;
    }

    public static void RejectsWith(string headerJson, int dataBytes, string expectedFragment)
    {
        var ex = Rejects(FileBytes(headerJson, dataBytes));
        Assert.Contains(expectedFragment, ex.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The hostile-input contract: parsing either succeeds, yielding a self-consistent file, or
    /// throws <see cref="SafetensorsFormatException"/> with a one-line message; nothing else escapes.
    /// </summary>
    public static bool ParsesOrRejectsCleanly(byte[] bytes)
    {
        SafetensorsFile file;
        try
        {
            file = SafetensorsFile.Parse(bytes, Source);
        }
        catch (SafetensorsFormatException ex)
        {
            AssertOneLine(ex);
            return false;
        }
        AssertConsistent(file, bytes.Length);
        return true;
    }

    /// <summary>Invariants of any successfully parsed file: tensors tile the data buffer in order, sizes match shapes.</summary>
    public static void AssertConsistent(SafetensorsFile file, int fileLength)
    {
        long cursor = 0;
        foreach (var t in file.Tensors)
        {
            Assert.Equal(cursor, t.DataBegin);
            Assert.Equal(t.DataEnd - t.DataBegin, t.Data.Length);
            Assert.Equal(t.ElementCount * t.DType.BitSize(), 8L * t.Data.Length);
            Assert.True(file.TryGet(t.Name, out var same) && ReferenceEquals(same, t));
            if (t.DType.IsSupportedFloat() || t.DType.IsInteger())
                Assert.Equal(t.ElementCount, t.ToFloat32(allowIntegerConversion: true).Length);
            cursor = t.DataEnd;
        }
        Assert.Equal(fileLength - 8 - file.HeaderLength, cursor);
    }

    private static void AssertOneLine(SafetensorsFormatException ex)
    {
        Assert.StartsWith(Source + ": ", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.DoesNotContain('\r', ex.Message);
        Assert.True(ex.Message.Length < 600, $"message too long ({ex.Message.Length} chars): {ex.Message}");
    }

    /// <summary>FsCheck settings for this folder: fixed seed, so a run is reproducible.</summary>
    public static Config PropertyConfig(int maxTest, ulong seed) =>
        Config.QuickThrowOnFailure.WithMaxTest(maxTest)
            .WithReplay(Microsoft.FSharp.Core.FSharpOption<Replay>.Some(new Replay(new Rnd(seed, 0x9E3779B97F4A7C15UL), null)));
}
