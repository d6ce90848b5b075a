using LocalSpec.Pipeline;
using LocalSpec.Tests.TestSupport;

namespace LocalSpec.Tasks.Tests;

/// <summary>A stage that fails at run time: an LSP100 error at the manifest field behind it, the counts still returned.</summary>
public sealed class LocalSpecRunFailureTests : IDisposable
{
    private readonly TempWorkspace _ws = new("localspec-tasks-fail-");

    public void Dispose() => _ws.Dispose();

    [RequiresFact(typeof(NpmClient))]
    public void A_weights_file_of_garbage_logs_LSP100_at_the_models_line_and_fails_with_Failed_1()
    {
        File.WriteAllBytes(_ws.PathOf("bad.safetensors"), [.. Enumerable.Range(0, 256).Select(i => (byte)(i * 37 + 11))]);
        string manifest = _ws.Write("bad.yaml", """
            name: bad
            dataset: mnist10k
            network: { arch: mlp }
            models: [bad.safetensors]
            graphs: [weights]
            scopes: [network]
            k: 4

            """);

        var (ok, engine, result) = TinyRunFixture.Run(manifest);

        Assert.False(ok);
        var error = Assert.Single(engine.Errors);
        Assert.Equal(DiagnosticCodes.StageFailed, error.Code);
        Assert.Equal(manifest, error.File);
        Assert.Equal(4, error.Line);
        Assert.True(error.Column > 0, engine.Log);
        Assert.Contains("bad.safetensors", error.Message);
        Assert.NotNull(result);
        Assert.Equal("1", result.GetMetadata("Failed"));
        Assert.Equal("0", result.GetMetadata("Ran"));
        Assert.NotEqual("0", result.GetMetadata("Skipped"));
        Assert.Empty(new ArtifactStore(_ws.StoreRoot).List());
    }
}
