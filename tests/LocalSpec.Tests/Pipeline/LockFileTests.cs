using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using LocalSpec.Pipeline;

namespace LocalSpec.Tests.Pipeline;

public sealed class LockFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("localspec-lock-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string LockPath => Path.Combine(_dir, LockFile.FileName);

    private static LockEntry Entry(string stage, string kind, int k, params (string Name, string Key)[] upstream)
    {
        var input = new StageKeyInput(kind, 1, new JsonObject { ["k"] = k, ["lr"] = 0.001 },
            upstream.ToDictionary(u => u.Name, u => u.Key), new Dictionary<string, string>());
        return new LockEntry(stage, kind, input.Key, input, new Dictionary<string, ArtifactFile>
        {
            ["z.json"] = new(new string('b', 64), 20),
            ["a.bin"] = new(new string('a', 64), 1234),
        });
    }

    private static LockFile Sample() => LockFile.Empty
        .With("mlp", [Entry("partition/k16", "partition", 16, ("graph", new string('c', 64))), Entry("graph", "graph", 0)])
        .With("cnn", [Entry("graph", "graph", 1)]);

    [Fact]
    public void A_missing_lock_file_reads_as_empty()
    {
        var lockFile = LockFile.Read(LockPath);
        Assert.Empty(lockFile.Manifests);
        Assert.Null(lockFile.Find("mlp", "graph"));
        Assert.Empty(lockFile.Entries("mlp"));
    }

    [Fact]
    public void The_file_is_sorted_indented_and_keeps_keys_in_a_fixed_order()
    {
        var entry = Entry("graph", "graph", 0);
        string text = Encoding.UTF8.GetString(LockFile.Empty.With("mlp", [entry]).ToUtf8Bytes());
        string expected = $$"""
            {
              "version": 1,
              "manifests": {
                "mlp": {
                  "graph": {
                    "kind": "graph",
                    "key": "{{entry.Key}}",
                    "key_input": {
                      "schema": "localspec.key/1",
                      "kind": "graph",
                      "format_version": 1,
                      "parameters": {"k":0,"lr":0.001},
                      "upstream": {},
                      "input_files": {}
                    },
                    "outputs": {
                      "a.bin": {"sha256":"{{new string('a', 64)}}","size":1234},
                      "z.json": {"sha256":"{{new string('b', 64)}}","size":20}
                    }
                  }
                }
              }
            }

            """;
        Assert.Equal(expected, text);
    }

    [Fact]
    public void The_same_state_gives_the_same_bytes_whatever_the_order_or_culture()
    {
        byte[] expected = Sample().ToUtf8Bytes();
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("fr-FR");
            var reordered = LockFile.Empty
                .With("cnn", [Entry("graph", "graph", 1)])
                .With("mlp", [Entry("graph", "graph", 0), Entry("partition/k16", "partition", 16, ("graph", new string('c', 64)))]);
            Assert.Equal(expected, reordered.ToUtf8Bytes());
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
        string text = Encoding.UTF8.GetString(expected);
        Assert.True(text.IndexOf("\"cnn\"", StringComparison.Ordinal) < text.IndexOf("\"mlp\"", StringComparison.Ordinal));
        Assert.True(text.IndexOf("\"graph\": {", StringComparison.Ordinal) < text.IndexOf("\"partition/k16\"", StringComparison.Ordinal));
    }

    [Fact]
    public void A_lock_file_round_trips_through_its_bytes()
    {
        var original = Sample();
        Assert.True(original.WriteIfChanged(LockPath));
        var read = LockFile.Read(LockPath);
        Assert.Equal(original.ToUtf8Bytes(), read.ToUtf8Bytes());
        Assert.Equal(["cnn", "mlp"], read.Manifests);
        var entry = read.Find("mlp", "partition/k16");
        var expected = Entry("partition/k16", "partition", 16, ("graph", new string('c', 64)));
        Assert.NotNull(entry);
        Assert.Equal((expected.Kind, expected.Key, expected.KeyInput), (entry.Kind, entry.Key, entry.KeyInput));
        Assert.Equal(expected.Outputs.OrderBy(p => p.Key), entry.Outputs.OrderBy(p => p.Key));
        Assert.Equal(expected.Key, entry.KeyInput.Key);
    }

    [Fact]
    public void An_unchanged_lock_file_is_not_rewritten_and_keeps_its_timestamp()
    {
        Assert.True(Sample().WriteIfChanged(LockPath));
        var past = new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(LockPath, past);

        Assert.False(LockFile.Read(LockPath).WriteIfChanged(LockPath));
        Assert.False(Sample().WriteIfChanged(LockPath));
        Assert.Equal(past, File.GetLastWriteTimeUtc(LockPath));

        Assert.True(Sample().With("mlp", [Entry("graph", "graph", 5)]).WriteIfChanged(LockPath));
        Assert.NotEqual(past, File.GetLastWriteTimeUtc(LockPath));
    }

    [Fact]
    public void With_replaces_one_section_and_an_empty_section_disappears()
    {
        var lockFile = Sample().With("mlp", [Entry("graph", "graph", 7)]);
        Assert.Equal(["graph"], lockFile.Entries("mlp").Select(e => e.Stage));
        Assert.Single(lockFile.Entries("cnn"));
        Assert.Equal(["cnn"], lockFile.With("mlp", []).Manifests);
        Assert.Equal(["mlp"], lockFile.Without("cnn").Manifests);
        Assert.Equal(3, Sample().Manifests.Sum(m => Sample().Entries(m).Count));
    }

    [Fact]
    public void Two_entries_for_one_stage_are_a_programming_error()
    {
        Assert.Throws<ArgumentException>(() => LockFile.Empty.With("mlp", [Entry("graph", "graph", 0), Entry("graph", "graph", 1)]));
    }

    [Fact]
    public void Referenced_keys_cover_every_section()
    {
        var sample = Sample();
        var expected = sample.Manifests.SelectMany(m => sample.Entries(m)).Select(e => e.Key).ToHashSet();
        Assert.Equal(3, expected.Count);
        Assert.True(expected.SetEquals(sample.ReferencedKeys));
    }

    [Fact]
    public void Invalid_JSON_is_reported_with_the_file_line_column_and_code()
    {
        File.WriteAllText(LockPath, "{\n  \"version\": 1,\n  \"manifests\": {,\n}\n");
        var ex = Assert.Throws<PipelineException>(() => LockFile.Read(LockPath));
        var d = Assert.Single(ex.Diagnostics);
        Assert.Equal((LockPath, 3, DiagnosticCodes.LockFileCorrupt, DiagnosticSeverity.Error), (d.File, d.Line, d.Code, d.Severity));
        Assert.True(d.Column > 0);
        Assert.StartsWith($"{LockPath}(3,{d.Column}): error LSP105: not a valid localspec.lock: not valid JSON", ex.Message);
        Assert.EndsWith("delete it and run again (the cached artifacts are reused)", ex.Message);
    }

    [Theory]
    [InlineData("[]", "not a JSON object")]
    [InlineData("{\"version\": 2, \"manifests\": {}}", "\"version\" must be 1")]
    [InlineData("{\"version\": 1}", "\"manifests\" must be an object")]
    [InlineData("{\"version\": 1, \"manifests\": {\"mlp\": {\"graph\": {\"kind\": \"graph\"}}}}", "manifest mlp, stage graph: \"key\" must be a string")]
    [InlineData("{\"version\": 1, \"manifests\": {\"mlp\": {\"graph\": {\"kind\": \"graph\", \"key\": \"k\", \"key_input\": {}, \"outputs\": {}}}}}", "manifest mlp, stage graph: key_input: \"schema\" must be a string")]
    public void A_lock_file_in_the_wrong_shape_is_reported_naming_the_file(string content, string reason)
    {
        File.WriteAllText(LockPath, content);
        var ex = Assert.Throws<PipelineException>(() => LockFile.Read(LockPath));
        var d = Assert.Single(ex.Diagnostics);
        Assert.Equal(DiagnosticCodes.LockFileCorrupt, d.Code);
        Assert.StartsWith($"{LockPath}: error LSP105: not a valid localspec.lock: ", ex.Message);
        Assert.Contains(reason, ex.Message);
    }

    [Fact]
    public void The_lock_file_belongs_to_the_manifests_folder()
    {
        Assert.Equal(Path.Combine(_dir, "localspec.lock"), LockFile.PathFor(Path.Combine(_dir, "mlp.yaml")));
    }

    [Fact]
    public async Task Concurrent_updates_from_threads_and_processes_lose_no_section()
    {
        const int PerWriter = 12;
        var probes = new[] { StoreProbe.RunAsync("update-lock", LockPath, "probe-a", $"{PerWriter}"),
                             StoreProbe.RunAsync("update-lock", LockPath, "probe-b", $"{PerWriter}") };
        var threads = new[] { "thread-a", "thread-b" }.Select(manifest => Task.Run(() =>
        {
            for (int i = 0; i < PerWriter; i++)
            {
                LockFile.Update(LockPath, lockFile =>
                    lockFile.With(manifest, [.. lockFile.Entries(manifest), Entry($"stage{i:D3}", "train", i)]));
            }
        }));
        await Task.WhenAll(threads);
        int[] exitCodes = await Task.WhenAll(probes);
        Assert.Equal(new[] { 0, 0 }, exitCodes);

        var final = LockFile.Read(LockPath);
        Assert.Equal(["probe-a", "probe-b", "thread-a", "thread-b"], final.Manifests);
        Assert.All(final.Manifests, m => Assert.Equal(PerWriter, final.Entries(m).Count));
    }

    [Fact]
    public void Update_reports_whether_the_file_changed()
    {
        Assert.True(LockFile.Update(LockPath, l => l.With("mlp", [Entry("graph", "graph", 0)])));
        Assert.False(LockFile.Update(LockPath, l => l.With("mlp", [Entry("graph", "graph", 0)])));
    }
}
