namespace LocalSpec.Data;

/// <summary>8-bit intensities to floats in [0, 1] (METHOD.md §1): v = b / 255.</summary>
internal static class PixelScaling
{
    private static readonly float[] Table = BuildTable();

    public static float[] ToUnitFloats(ReadOnlySpan<byte> bytes)
    {
        var result = new float[bytes.Length];
        for (int i = 0; i < bytes.Length; i++) result[i] = Table[bytes[i]];
        return result;
    }

    public static float FromByte(byte b) => Table[b];

    private static float[] BuildTable()
    {
        var table = new float[256];
        for (int b = 0; b < 256; b++) table[b] = b / 255f;
        return table;
    }
}
