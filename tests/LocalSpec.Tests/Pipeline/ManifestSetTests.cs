using LocalSpec.Pipeline;

namespace LocalSpec.Tests.Pipeline;

public sealed class ManifestSetTests
{
    private static readonly Manifest[] All =
    [
        Make("mlp-mnist10k", "default"),
        Make("cnn-mnist10k", "default"),
        Make("mlp-smoke", "smoke"),
        Make("cnn-fashion", "fashion", "default"),
        Make("loner"),
    ];

    private static Manifest Make(string name, params string[] sets) =>
        ManifestReader.Parse($"name: {name}\ndataset: mnist10k\nnetwork: {{ arch: mlp }}\nsets: [{string.Join(", ", sets)}]\n",
            ManifestTestFiles.ManifestPath);

    private static string[] Names(string? selector) => [.. ManifestSet.Select(All, selector).Select(m => m.Name)];

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ; ")]
    [InlineData("default")]
    public void No_selector_means_the_default_set(string? selector) =>
        Assert.Equal(["mlp-mnist10k", "cnn-mnist10k", "cnn-fashion"], Names(selector));

    [Fact]
    public void Names_and_sets_mix_with_commas_or_semicolons_each_manifest_once_in_input_order()
    {
        Assert.Equal(["mlp-mnist10k", "mlp-smoke", "loner"], Names("loner; smoke,mlp-mnist10k"));
        Assert.Equal(["mlp-mnist10k", "cnn-mnist10k", "cnn-fashion"], Names("fashion,default,cnn-fashion"));
    }

    [Fact]
    public void A_manifest_without_sets_is_selectable_only_by_name()
    {
        Assert.DoesNotContain("loner", Names("default"));
        Assert.Equal(["loner"], Names("loner"));
    }

    [Fact]
    public void Unknown_names_are_reported_one_per_token_with_what_is_available()
    {
        var e = Assert.Throws<PipelineException>(() => ManifestSet.Select(All, "smoke,smok,mlp", "experiments/Experiments.proj"));

        Assert.Equal(["smok", "mlp"], e.Diagnostics.Select(d => d.Message.Split('\'')[1]));
        Assert.Equal(
            "experiments/Experiments.proj: error LSP007: no experiment or set is called 'smok' " +
            "(experiments: cnn-fashion, cnn-mnist10k, loner, mlp-mnist10k, mlp-smoke; sets: default, fashion, smoke)",
            e.Diagnostics[0].ToString());
    }
}
