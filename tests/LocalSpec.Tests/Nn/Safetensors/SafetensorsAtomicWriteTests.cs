using LocalSpec.Nn.Safetensors;
using Xunit;

namespace LocalSpec.Tests.Nn.Safetensors;

public sealed class SafetensorsAtomicWriteTests
{
    /// <summary>Passes the first <c>capacity</c> bytes through, then fails as a full disk does.</summary>
    private sealed class FullDiskStream(Stream inner, int capacity) : Stream
    {
        private int _written;

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            int room = Math.Min(buffer.Length, capacity - _written);
            inner.Write(buffer[..room]);
            _written += room;
            if (room < buffer.Length) throw new IOException("No space left on device");
        }

        public override void Flush() => inner.Flush();
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    private static readonly NamedTensor[] Tensors = [new("w", [3, 4], new float[12])];

    [Fact]
    public void A_full_disk_leaves_the_existing_file_untouched_removes_the_temporary_file_and_names_the_target()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "model.safetensors");
        byte[] old = SafetensorsWriter.Serialize([new NamedTensor("old", [1], new float[] { 1 })]);
        File.WriteAllBytes(path, old);

        var ex = Assert.Throws<IOException>(() =>
            SafetensorsWriter.Write(path, Tensors, null, wrapStream: s => new FullDiskStream(s, capacity: 20)));

        Assert.Equal($"{path}: could not write the file (No space left on device)", ex.Message);
        Assert.Equal(old, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void A_full_disk_with_no_existing_file_leaves_nothing_behind()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "model.safetensors");
        Assert.Throws<IOException>(() => SafetensorsWriter.Write(path, Tensors, null, wrapStream: s => new FullDiskStream(s, capacity: 0)));
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void A_failed_rename_removes_the_temporary_file_and_leaves_the_target_as_it_was()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "taken");
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "inside.txt"), "keep");

        var ex = Assert.Throws<IOException>(() => SafetensorsWriter.Write(path, Tensors));

        Assert.StartsWith($"{path}: could not write the file (", ex.Message, StringComparison.Ordinal);
        Assert.Equal([path], Directory.GetFileSystemEntries(dir.Path));
        Assert.Equal("keep", File.ReadAllText(Path.Combine(path, "inside.txt")));
    }

    [Fact]
    public void A_missing_directory_is_an_IO_error_naming_the_file()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "no", "such", "model.safetensors");
        var ex = Assert.Throws<IOException>(() => SafetensorsWriter.Write(path, Tensors));
        Assert.StartsWith($"{path}: could not write the file (", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void A_successful_write_replaces_the_file_and_reads_back()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "model.safetensors");
        File.WriteAllText(path, "not a safetensors file");

        Assert.True(SafetensorsWriter.Write(path, Tensors, new Dictionary<string, string> { ["k"] = "v" }));

        var file = SafetensorsFile.Read(path);
        Assert.True(file.Get("w").HasShape(3, 4));
        Assert.Equal("v", file.Metadata["k"]);
        Assert.Equal([path], Directory.GetFiles(dir.Path));
    }
}
