using System.Runtime.InteropServices;
using LocalSpec.Numerics;
using Xunit;

namespace LocalSpec.Tests.Numerics;

public sealed class LoadedLibraryTests
{
    [Fact]
    public void The_file_behind_a_loaded_symbol_is_found()
    {
        if (!OperatingSystem.IsLinux()) return; // /proc/self/maps is Linux's
        nint getenv = NativeLibrary.GetExport(NativeLibrary.GetMainProgramHandle(), "getenv");
        string? file = LoadedLibrary.FileContaining(getenv);
        Assert.NotNull(file);
        Assert.StartsWith("libc", Path.GetFileName(file));
        Assert.True(File.Exists(file));
    }

    [Fact]
    public void An_address_outside_every_file_mapping_has_no_file() =>
        Assert.Null(LoadedLibrary.FileContaining(16));
}
