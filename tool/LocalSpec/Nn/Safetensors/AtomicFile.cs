namespace LocalSpec.Nn.Safetensors;

/// <summary>
/// Replace-by-rename: readers see either the old file or the complete new one, never a torn
/// write, and a failed write leaves the old file in place (STYLE.md rule 7).
/// </summary>
public static class AtomicFile
{
    /// <exception cref="IOException">Any failure; the message names <paramref name="path"/>.</exception>
    public static void Write(string path, ReadOnlySpan<byte> bytes) => Write(path, bytes, wrapStream: null);

    /// <summary>
    /// Writes atomically unless the file already holds exactly these bytes (then its timestamp stays).
    /// Returns whether it wrote.
    /// </summary>
    /// <exception cref="IOException">Any failure; the message names <paramref name="path"/>.</exception>
    public static bool WriteIfChanged(string path, ReadOnlySpan<byte> bytes)
    {
        if (HasContent(path, bytes)) return false;
        Write(path, bytes);
        return true;
    }

    /// <param name="wrapStream">Test seam: wraps the temporary file's stream (e.g. to simulate a full disk).</param>
    internal static void Write(string path, ReadOnlySpan<byte> bytes, Func<Stream, Stream>? wrapStream)
    {
        string fullPath = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(fullPath) ?? ".";
        // Same directory as the target so the rename stays within one file system and is atomic.
        string temp = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                var stream = wrapStream?.Invoke(file) ?? file;
                stream.Write(bytes);
                stream.Flush();
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, fullPath, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new IOException($"{path}: could not write the file ({ex.Message.ReplaceLineEndings(" ")})", ex);
        }
    }

    private static bool HasContent(string path, ReadOnlySpan<byte> bytes)
    {
        try
        {
            var info = new FileInfo(path);
            return info.Exists && info.Length == bytes.Length && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false; // unreadable: fall through to the write, which reports the problem
        }
    }

    private static void TryDelete(string temp)
    {
        try
        {
            File.Delete(temp);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The original error matters more; a stray .tmp file is harmless and visibly named.
        }
    }
}
