using System.Globalization;

namespace LocalSpec.Numerics;

/// <summary>Which file a loaded native library came from, so a soname the loader resolved can be reported as a path.</summary>
internal static class LoadedLibrary
{
    /// <summary>The file mapped at <paramref name="address"/> (from /proc/self/maps), or null where that is not available.</summary>
    public static string? FileContaining(nint address)
    {
        const string maps = "/proc/self/maps";
        if (!OperatingSystem.IsLinux() || !File.Exists(maps)) return null;
        ulong target = (ulong)address;
        foreach (string line in File.ReadLines(maps))
        {
            // "start-end perms offset dev inode path", addresses in hex.
            string[] fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 6 || !fields[5].StartsWith('/')) continue;
            int dash = fields[0].IndexOf('-');
            if (dash < 0
                || !ulong.TryParse(fields[0].AsSpan(0, dash), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong start)
                || !ulong.TryParse(fields[0].AsSpan(dash + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong end))
                continue;
            if (start <= target && target < end) return fields[5].Trim();
        }
        return null;
    }
}
