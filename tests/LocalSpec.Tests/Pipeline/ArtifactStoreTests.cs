using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using LocalSpec.Pipeline;
using LocalSpec.Tests.TestSupport;

namespace LocalSpec.Tests.Pipeline;

public sealed class ArtifactStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("localspec-store-").FullName;
    private readonly ArtifactStore _store;
    private readonly List<ArtifactCorruption> _corrupt = [];

    public ArtifactStoreTests()
    {
        _store = new ArtifactStore(Path.Combine(_root, "cache"));
        _store.CorruptArtifactRemoved += _corrupt.Add;
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static StageKeyInput Input(string kind = "train", int seed = 0) => new(kind, 1,
        new JsonObject { ["seed"] = seed, ["lr"] = 0.001 },
        new Dictionary<string, string>(), new Dictionary<string, string>());

    private static readonly byte[] Weights = Enumerable.Range(0, 3000).Select(i => (byte)(i * 7)).ToArray();

    private static void ProduceTwoFiles(string directory)
    {
        File.WriteAllBytes(Path.Combine(directory, "model.safetensors"), Weights);
        Directory.CreateDirectory(Path.Combine(directory, "log"));
        File.WriteAllText(Path.Combine(directory, "log", "epochs.csv"), "epoch,loss\n1,0.5\n");
    }

    private string TempRoot => Path.Combine(_store.Root, "tmp");

    private string[] TempEntries() =>
        Directory.Exists(TempRoot) ? Directory.GetFileSystemEntries(TempRoot) : [];

    [Fact]
    public void A_committed_artifact_opens_with_its_files_and_their_hashes()
    {
        var input = Input();
        var committed = _store.Commit(input, ProduceTwoFiles);
        var opened = _store.TryOpen("train", input.Key);

        Assert.NotNull(opened);
        string key = input.Key;
        Assert.Equal(Path.Combine(_store.Root, "train", key[..2], key), opened.Directory);
        Assert.Equal(committed.Directory, opened.Directory);
        Assert.Equal(["log/epochs.csv", "model.safetensors"], opened.Files.Keys);
        // Oracle: one-shot SHA-256 of the bytes we wrote, independent of the store's streaming hash.
        Assert.Equal(new ArtifactFile(Convert.ToHexStringLower(SHA256.HashData(Weights)), Weights.Length), opened.Files["model.safetensors"]);
        Assert.Equal(Weights, File.ReadAllBytes(opened.PathOf("model.safetensors")));
        Assert.Equal("epoch,loss\n1,0.5\n", File.ReadAllText(opened.PathOf("log/epochs.csv")));
        Assert.Equal(input, opened.KeyInput);
        Assert.Empty(TempEntries());
        Assert.Empty(_corrupt);
    }

    [Fact]
    public void An_absent_key_opens_as_null()
    {
        Assert.Null(_store.TryOpen("train", Input().Key));
        Assert.Empty(_corrupt);
    }

    [Fact]
    public void Artifact_json_holds_nothing_volatile_so_two_stores_write_the_same_bytes()
    {
        var other = new ArtifactStore(Path.Combine(_root, "elsewhere", "cache"));
        var a = _store.Commit(Input(), ProduceTwoFiles);
        var b = other.Commit(Input(), ProduceTwoFiles);
        byte[] json = File.ReadAllBytes(Path.Combine(a.Directory, ArtifactStore.ArtifactJsonName));
        Assert.Equal(json, File.ReadAllBytes(Path.Combine(b.Directory, ArtifactStore.ArtifactJsonName)));
        string text = Encoding.UTF8.GetString(json);
        Assert.DoesNotContain(_root, text, StringComparison.Ordinal);
        Assert.StartsWith("{\n  \"kind\": \"train\",\n  \"key\": \"" + Input().Key + "\",\n", text, StringComparison.Ordinal);
        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
    }

    public static TheoryData<string> Tampering => new()
    {
        "same-size edit", "truncated", "file deleted", "extra file", "artifact.json deleted",
        "artifact.json not JSON", "artifact.json duplicate name", "artifact.json edited hash",
        "artifact.json name escapes the folder", "key_input edited",
    };

    [Theory]
    [MemberData(nameof(Tampering))]
    public void A_tampered_artifact_is_removed_reported_and_rebuilt(string tampering)
    {
        var input = Input();
        var handle = _store.Commit(input, ProduceTwoFiles);
        string weights = handle.PathOf("model.safetensors");
        string json = Path.Combine(handle.Directory, ArtifactStore.ArtifactJsonName);
        switch (tampering)
        {
            case "same-size edit":
                var bytes = File.ReadAllBytes(weights);
                bytes[1234] ^= 0x01;
                File.WriteAllBytes(weights, bytes);
                break;
            case "truncated":
                File.WriteAllBytes(weights, Weights[..100]);
                break;
            case "file deleted":
                File.Delete(weights);
                break;
            case "extra file":
                File.WriteAllText(Path.Combine(handle.Directory, "notes.txt"), "hi");
                break;
            case "artifact.json deleted":
                File.Delete(json);
                break;
            case "artifact.json not JSON":
                File.WriteAllText(json, "{\"kind\": ");
                break;
            case "artifact.json duplicate name":
                File.WriteAllText(json, File.ReadAllText(json).Replace("\"kind\": \"train\",", "\"kind\": \"train\", \"kind\": \"train\","));
                break;
            case "artifact.json edited hash":
                File.WriteAllText(json, File.ReadAllText(json).Replace(handle.Files["model.safetensors"].Sha256, new string('0', 64)));
                break;
            case "artifact.json name escapes the folder":
                File.WriteAllText(json, File.ReadAllText(json).Replace("\"model.safetensors\": {", "\"../../model.safetensors\": {"));
                break;
            case "key_input edited":
                File.WriteAllText(json, File.ReadAllText(json).Replace("\"lr\":0.001", "\"lr\":0.01"));
                break;
        }

        Assert.Null(_store.TryOpen("train", input.Key));
        var report = Assert.Single(_corrupt);
        Assert.Equal(("train", input.Key, handle.Directory), (report.Kind, report.Key, report.Directory));
        Assert.NotEmpty(report.Problems);
        Assert.False(Directory.Exists(handle.Directory));
        Assert.Empty(TempEntries());

        _store.Commit(input, ProduceTwoFiles);
        Assert.NotNull(_store.TryOpen("train", input.Key));
        Assert.Single(_corrupt);
    }

    [Fact]
    public void Problems_say_what_was_wrong()
    {
        var handle = _store.Commit(Input(), ProduceTwoFiles);
        File.WriteAllBytes(handle.PathOf("model.safetensors"), Weights[..100]);
        File.WriteAllText(Path.Combine(handle.Directory, "notes.txt"), "hi");
        Assert.Null(_store.TryOpen("train", handle.Key));
        Assert.Equal(["unexpected file notes.txt", "file model.safetensors has 100 bytes, expected 3000"], _corrupt.Single().Problems);
    }

    [Fact]
    public void A_failing_stage_leaves_no_trace_and_its_exception_propagates()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => _store.Commit(Input(), directory =>
        {
            ProduceTwoFiles(directory);
            throw new InvalidOperationException("training diverged");
        }));
        Assert.Equal("training diverged", ex.Message);
        Assert.Empty(TempEntries());
        Assert.False(Directory.Exists(_store.DirectoryOf("train", Input().Key)));
    }

    public sealed class DevFull : ITestRequirement
    {
        public string? Unmet => File.Exists("/dev/full") ? null : "/dev/full (a device that always reports a full disk) does not exist";
    }

    [RequiresFact(typeof(DevFull))]
    public void A_full_disk_while_producing_gives_a_clear_error_naming_the_stage_and_path()
    {
        var ex = Assert.Throws<ArtifactWriteException>(() => _store.Commit(Input("graph"), directory =>
        {
            File.WriteAllBytes(Path.Combine(directory, "partial.bin"), Weights);
            File.WriteAllBytes("/dev/full", Weights); // a real ENOSPC from the kernel
        }));
        Assert.True(ex.IsDiskFull);
        Assert.Equal("graph", ex.Kind);
        Assert.StartsWith($"graph stage: the disk is full while writing its artifact in {TempRoot}{Path.DirectorySeparatorChar}graph-", ex.Message);
        Assert.Contains("localspec clean --unused", ex.Message);
        Assert.False(Directory.Exists(ex.Path));
        Assert.Empty(TempEntries());
    }

    [Fact]
    public void Other_IO_errors_while_producing_name_the_stage_and_path_too()
    {
        var ex = Assert.Throws<ArtifactWriteException>(() => _store.Commit(Input("measure"), _ => throw new IOException("device went away")));
        Assert.False(ex.IsDiskFull);
        Assert.Equal($"measure stage: I/O error while producing its artifact in {ex.Path} (device went away)", ex.Message);
        Assert.Empty(TempEntries());
    }

    [Fact]
    public void A_stage_may_not_write_the_stores_own_artifact_json()
    {
        Assert.Throws<InvalidOperationException>(() => _store.Commit(Input(), directory =>
            File.WriteAllText(Path.Combine(directory, ArtifactStore.ArtifactJsonName), "{}")));
        Assert.Empty(TempEntries());
    }

    [Fact]
    public void When_another_process_commits_the_same_key_first_its_artifact_is_kept()
    {
        var rival = new ArtifactStore(_store.Root);
        var input = Input();
        var result = _store.Commit(input, directory =>
        {
            File.WriteAllText(Path.Combine(directory, "who.txt"), "loser");
            rival.Commit(input, d => File.WriteAllText(Path.Combine(d, "who.txt"), "winner"));
        });
        Assert.Equal("winner", File.ReadAllText(result.PathOf("who.txt")));
        Assert.Equal("winner", File.ReadAllText(_store.TryOpen("train", input.Key)!.PathOf("who.txt")));
        Assert.Empty(TempEntries());
    }

    [Fact]
    public void A_corrupt_artifact_in_the_way_of_a_commit_is_replaced()
    {
        var input = Input();
        string final = _store.DirectoryOf("train", input.Key);
        Directory.CreateDirectory(final);
        File.WriteAllText(Path.Combine(final, "half.bin"), "no artifact.json: a crash on a file system without atomic rename");
        var result = _store.Commit(input, ProduceTwoFiles);
        Assert.Equal(final, result.Directory);
        Assert.NotNull(_store.TryOpen("train", input.Key));
        Assert.Equal(["artifact.json is missing"], _corrupt.Single().Problems);
    }

    [Fact]
    public void A_run_killed_mid_commit_leaves_no_artifact_and_a_temp_folder_that_only_CleanTemp_removes_once_it_is_dead()
    {
        string key = Input().Key;
        var slow = new StageKeyInput("train", 1, new JsonObject { ["probe"] = "slow" },
            new Dictionary<string, string>(), new Dictionary<string, string>());
        using (var probe = StoreProbe.StartAndWaitUntilReady("commit-slow", _store.Root))
        {
            // The child is inside produce: its temp folder and partial file exist, nothing is in place.
            string temp = Assert.Single(Directory.GetDirectories(TempRoot));
            Assert.True(File.Exists(Path.Combine(temp, "weights.bin")));
            Assert.Null(_store.TryOpen("train", slow.Key));
            Assert.Equal(0, _store.CleanTemp()); // the live child holds it
            Assert.True(Directory.Exists(temp));

            probe.Kill(); // SIGKILL: no finally, no Dispose ran in the child

            Assert.True(Directory.Exists(temp));
            Assert.Null(_store.TryOpen("train", slow.Key));
            Assert.Equal(1, _store.CleanTemp());
            Assert.Empty(TempEntries());
        }
        Assert.Empty(_corrupt);
        var fresh = _store.Commit(slow, d => File.WriteAllText(Path.Combine(d, "weights.bin"), "complete"));
        Assert.Equal("complete", File.ReadAllText(_store.TryOpen("train", slow.Key)!.PathOf("weights.bin")));
        Assert.NotEqual(key, fresh.Key);
    }

    [Fact]
    public void CleanTemp_also_removes_leftovers_without_a_lock_file()
    {
        string orphan = Path.Combine(TempRoot, "train-0123456789abcdef-deadbeef");
        Directory.CreateDirectory(orphan);
        File.WriteAllText(Path.Combine(orphan, "partial.bin"), "half");
        File.WriteAllText(Path.Combine(TempRoot, "graph-1-2.lock"), "");
        Assert.Equal(1, _store.CleanTemp());
        Assert.Empty(TempEntries());
    }

    [Fact]
    public void The_key_lock_excludes_another_process_until_it_exits_even_by_SIGKILL()
    {
        string key = Input().Key;
        string lockPath = Path.Combine(_store.Root, "locks", key + ".lock");
        using (var probe = StoreProbe.StartAndWaitUntilReady("hold-lock", lockPath))
        {
            bool told = false;
            using var soon = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            Assert.ThrowsAny<OperationCanceledException>(() => _store.AcquireKeyLock("train", key, soon.Token, () => told = true));
            Assert.True(told);
            probe.Kill();
        }
        using var held = _store.AcquireKeyLock("train", key, CancellationToken.None);
    }

    [Fact]
    public async Task The_key_lock_is_released_when_the_other_process_lets_go()
    {
        string key = Input().Key;
        using var probe = StoreProbe.StartAndWaitUntilReady("hold-lock", Path.Combine(_store.Root, "locks", key + ".lock"));
        Assert.Null(FileLock.TryAcquire(Path.Combine(_store.Root, "locks", key + ".lock")));
        var waiting = Task.Run(() => _store.AcquireKeyLock("train", key, CancellationToken.None));
        Assert.Equal(0, probe.Finish());
        using var held = await waiting.WaitAsync(TimeSpan.FromMinutes(1)); // generous: a hang fails instead of blocking the suite
    }

    [Fact]
    public void The_key_lock_also_excludes_a_second_holder_in_the_same_process()
    {
        string key = Input().Key;
        var first = _store.AcquireKeyLock("train", key, CancellationToken.None);
        Assert.Null(FileLock.TryAcquire(Path.Combine(_store.Root, "locks", key + ".lock")));
        using var other = _store.AcquireKeyLock("train", Input(seed: 1).Key, CancellationToken.None); // other keys are independent
        first.Dispose();
        using var second = FileLock.TryAcquire(Path.Combine(_store.Root, "locks", key + ".lock"));
        Assert.NotNull(second);
    }

    [Fact]
    public void List_and_Remove_see_every_artifact_by_kind_then_key()
    {
        var handles = new[] { Input("train", 0), Input("train", 1), Input("graph", 0) }
            .Select(i => _store.Commit(i, ProduceTwoFiles)).ToList();
        var listed = _store.List();
        Assert.Equal(handles.OrderBy(h => h.Kind, StringComparer.Ordinal).ThenBy(h => h.Key, StringComparer.Ordinal).Select(h => h.Directory),
            listed.Select(h => h.Directory));
        _store.Remove(listed[0]);
        Assert.Equal(2, _store.List().Count);
        Assert.Null(_store.TryOpen(listed[0].Kind, listed[0].Key));
        Assert.Empty(TempEntries());
    }

    [Fact]
    public void RemoveUnreferenced_keeps_referenced_and_in_use_artifacts_and_counts_what_it_frees()
    {
        var keep = _store.Commit(Input("train", 0), ProduceTwoFiles);
        var busy = _store.Commit(Input("train", 1), ProduceTwoFiles);
        var drop1 = _store.Commit(Input("train", 2), ProduceTwoFiles);
        var drop2 = _store.Commit(Input("graph", 0), d => File.WriteAllText(Path.Combine(d, "g.json"), "{}"));
        long expected = new[] { drop1, drop2 }.Sum(h =>
            Directory.EnumerateFiles(h.Directory, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length));
        _store.AcquireKeyLock("graph", drop2.Key, CancellationToken.None).Dispose(); // leaves a lock file behind

        StoreRemoval removed;
        using (_store.AcquireKeyLock("train", busy.Key, CancellationToken.None))
            removed = _store.RemoveUnreferenced(new HashSet<string> { keep.Key });

        Assert.Equal(new StoreRemoval(2, expected), removed);
        Assert.NotNull(_store.TryOpen("train", keep.Key));
        Assert.NotNull(_store.TryOpen("train", busy.Key));
        Assert.Null(_store.TryOpen("train", drop1.Key));
        Assert.Null(_store.TryOpen("graph", drop2.Key));
        Assert.False(File.Exists(Path.Combine(_store.Root, "locks", drop2.Key + ".lock")));
        Assert.Empty(_corrupt);
    }

    [Fact]
    public void Kinds_and_keys_that_could_escape_the_store_are_refused()
    {
        Assert.Throws<ArgumentException>(() => _store.TryOpen("train", "../../etc"));
        Assert.Throws<ArgumentException>(() => _store.TryOpen("../x", Input().Key));
        Assert.Throws<ArgumentException>(() => _store.TryOpen("tmp", Input().Key));
        Assert.Throws<ArgumentException>(() => _store.TryOpen("train", Input().Key.ToUpperInvariant()));
    }
}
