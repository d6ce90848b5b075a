using System.Text.Json.Nodes;
using LocalSpec.Pipeline;

// Verbs (each prints "ready" on stdout once it reached the state the test waits for):
//   commit-slow <store-root>            starts a commit, writes part of a file, then stalls until killed
//   hold-lock <lock-path>               takes a FileLock and holds it until stdin closes or it is killed
//   update-lock <lock-file> <manifest> <count>   adds <count> entries to its manifest's section, one Update each
return args switch
{
    ["commit-slow", string root] => CommitSlow(root),
    ["hold-lock", string path] => HoldLock(path),
    ["update-lock", string path, string manifest, string count] => UpdateLock(path, manifest, int.Parse(count)),
    _ => Usage(),
};

static int CommitSlow(string root)
{
    var store = new ArtifactStore(root);
    store.Commit(ProbeKeys.Slow, directory =>
    {
        using var file = new FileStream(Path.Combine(directory, "weights.bin"), FileMode.CreateNew);
        file.Write(new byte[4096]);
        file.Flush(flushToDisk: true);
        Console.WriteLine("ready");
        while (true)
        {
            Thread.Sleep(20);
            file.WriteByte(1);
        }
    });
    return 1; // unreachable: the test kills the process
}

static int HoldLock(string path)
{
    using var held = FileLock.Acquire(path, CancellationToken.None);
    Console.WriteLine("ready");
    Console.In.ReadToEnd();
    return 0;
}

static int UpdateLock(string path, string manifest, int count)
{
    Console.WriteLine("ready");
    for (int i = 0; i < count; i++)
    {
        LockFile.Update(path, lockFile =>
            lockFile.With(manifest, [.. lockFile.Entries(manifest), ProbeKeys.Entry($"stage{i:D3}", i)]));
    }
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: LocalSpec.StoreProbe commit-slow <root> | hold-lock <path> | update-lock <file> <manifest> <count>");
    return 2;
}

/// <summary>Key inputs shared with the tests (which rebuild them independently to compare).</summary>
internal static class ProbeKeys
{
    public static StageKeyInput Slow => new("train", 1, new JsonObject { ["probe"] = "slow" },
        new Dictionary<string, string>(), new Dictionary<string, string>());

    public static LockEntry Entry(string stage, int i)
    {
        var input = new StageKeyInput("train", 1, new JsonObject { ["i"] = i },
            new Dictionary<string, string>(), new Dictionary<string, string>());
        return new LockEntry(stage, "train", input.Key, input,
            new Dictionary<string, ArtifactFile> { ["model.safetensors"] = new(new string('0', 64), i) });
    }
}
