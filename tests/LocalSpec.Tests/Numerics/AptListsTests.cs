using LocalSpec.Numerics;
using LocalSpec.Tests.TestSupport;
using Xunit;

namespace LocalSpec.Tests.Numerics;

/// <summary>
/// LocalSpec's own apt package lists (<see cref="AptLists"/>): what a fresh container without
/// system lists needs to fetch OpenBLAS and Fashion-MNIST without root.
/// </summary>
public sealed class AptListsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("localspec-apt-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void The_system_lists_add_no_options_and_a_private_folder_redirects_lists_and_cache()
    {
        Assert.Empty(AptLists.System.Options);
        Assert.True(AptLists.System.Present);
        var own = AptLists.Private(Path.Combine(_root, "apt"));
        Assert.False(own.Present);
        Assert.Equal(
            ["-o", $"Dir::State::Lists={Path.Combine(_root, "apt", "lists")}", "-o", $"Dir::Cache={Path.Combine(_root, "apt", "cache")}", "-o", "Debug::NoLocking=1"],
            own.Options);
    }

    [RequiresFact(typeof(DebianClients))]
    public void An_update_fetches_signed_lists_into_the_folder_without_touching_the_system()
    {
        var own = AptLists.Private(Path.Combine(_root, "apt"));
        own.Update();

        Assert.True(own.Present);
        Assert.Equal(["lists"], Directory.GetFileSystemEntries(own.Folder!).Select(Path.GetFileName));
        string[] lists = Directory.GetFiles(Path.Combine(own.Folder!, "lists"));
        Assert.Contains(lists, f => Path.GetFileName(f).EndsWith("_InRelease", StringComparison.Ordinal));
        Assert.DoesNotContain(lists, f => Path.GetFileName(f).Contains("dep11", StringComparison.Ordinal));
        DebianPackage package = DebianPackage.Query(OpenBlasAcquisition.Package, own);
        Assert.Same(own, package.Lists);
        Assert.Matches("^[0-9a-f]{64}$", package.Sha256);

        // a refresh replaces the lists in place and leaves nothing else behind
        own.Update();
        Assert.Equal(["lists"], Directory.GetFileSystemEntries(own.Folder!).Select(Path.GetFileName));
        Assert.Equal(package, DebianPackage.Query(OpenBlasAcquisition.Package, own));
    }

    [RequiresFact(typeof(PosixShell))]
    public void A_failed_update_names_apts_error_and_leaves_no_lists()
    {
        string fake = FakeAptGet("echo 'E: The repository is not signed.' >&2; exit 100");
        var own = AptLists.Private(Path.Combine(_root, "apt"));

        var error = Assert.Throws<InvalidOperationException>(() => own.Update(fake));

        Assert.Contains("exit 100", error.Message);
        Assert.Contains("E: The repository is not signed.", error.Message);
        Assert.False(own.Present);
        Assert.Empty(Directory.GetFileSystemEntries(own.Folder!));
    }

    [RequiresFact(typeof(PosixShell))]
    public void An_update_that_fetches_no_package_list_fails_and_keeps_the_previous_lists()
    {
        var own = AptLists.Private(Path.Combine(_root, "apt"));
        string previous = Path.Combine(own.Folder!, "lists", "example_dists_stable_main_binary-amd64_Packages");
        Directory.CreateDirectory(Path.GetDirectoryName(previous)!);
        File.WriteAllText(previous, "Package: x\n");
        string fake = FakeAptGet("exit 0");

        var error = Assert.Throws<InvalidOperationException>(() => own.Update(fake));

        Assert.Contains("no package lists", error.Message);
        Assert.True(own.Present);
        Assert.Equal("Package: x\n", File.ReadAllText(previous));
        Assert.Equal(["lists"], Directory.GetFileSystemEntries(own.Folder!).Select(Path.GetFileName));
    }

    [RequiresFact(typeof(PosixShell))]
    public void The_fallback_tries_the_system_lists_then_its_own_and_refreshes_stale_ones_once()
    {
        string folder = Path.Combine(_root, "apt");
        string packages = Path.Combine(folder, "lists", "example_dists_stable_main_binary-amd64_Packages");
        Directory.CreateDirectory(Path.GetDirectoryName(packages)!);
        File.WriteAllText(packages, "Package: x\n");
        string counter = Path.Combine(_root, "updates");
        // the fake update leaves a fresh Packages file and counts its calls
        string fake = FakeAptGet($"echo x >> '{counter}'; for a; do case \"$a\" in Dir::State::Lists=*) d=\"${{a#Dir::State::Lists=}}\";; esac; done; echo 'Package: y' > \"$d/example_Packages\"");
        var tried = new List<string>();

        string found = AptLists.WithFallback(folder, lists =>
        {
            tried.Add(lists.Folder ?? "system");
            return lists.Folder is null ? throw new InvalidOperationException("system: no such package") : "own";
        }, fake);
        Assert.Equal("own", found);
        Assert.Equal(["system", Path.GetFullPath(folder)], tried);
        Assert.False(File.Exists(counter)); // lists were present: no update

        // with present lists that fail, one refresh and one more attempt; then every reason is reported
        tried.Clear();
        var error = Assert.Throws<InvalidOperationException>(() => AptLists.WithFallback<string>(folder, lists =>
        {
            tried.Add(lists.Folder ?? "system");
            throw new InvalidOperationException(lists.Folder is null ? "system: unknown" : "own: unknown");
        }, fake));
        Assert.Equal(["system", Path.GetFullPath(folder), Path.GetFullPath(folder)], tried);
        Assert.Single(File.ReadAllLines(counter));
        Assert.Contains("system: unknown", error.Message);
        Assert.Contains("own: unknown", error.Message);
        Assert.True(File.Exists(Path.Combine(folder, "lists", "example_Packages")));
    }

    private string FakeAptGet(string body)
    {
        string path = Path.Combine(_root, "fake-apt-get");
        File.WriteAllText(path, $"#!/bin/sh\n{body}\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
