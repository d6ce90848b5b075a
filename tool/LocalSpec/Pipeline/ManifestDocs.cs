using System.Globalization;
using System.Text;

namespace LocalSpec.Pipeline;

/// <summary>
/// docs/manifest.md, generated from <see cref="ManifestFields"/> (the table the reader validates
/// with) and <see cref="DiagnosticCodes.Meanings"/>, so the reference cannot drift from the code.
/// </summary>
public static class ManifestDocs
{
    /// <summary>How to rewrite the generated files after changing the table (shown in the files and by the staleness tests).</summary>
    public const string RegenerateCommand =
        "LOCALSPEC_REGENERATE=1 dotnet test tests/LocalSpec.Tests --filter \"FullyQualifiedName~ManifestGeneratedFilesTests\"";

    /// <summary>A manifest with every field spelled out at its default (mlp preset); it reads the same as the three required fields alone.</summary>
    public const string Example = """
        # yaml-language-server: $schema=manifest.schema.json
        name: mlp-mnist10k            # required; unique among manifests
        label: mlp-mnist10k           # default: the name
        # paper: "MLP, MNIST"         # the paper's reference row to show beside ours
        sets: [default]
        dataset: mnist10k             # required
        network: { arch: mlp }        # required; a preset or an architecture .json path
        # models: [a.safetensors]     # analyse these instead of training (then no 'training')
        training: { epochs: 20, batch_size: 128, lr: 0.001, replicates: 5, seed: 0 }
        graphs: [weights, activations]
        graph: { kernel_norm: l1, activation_samples: 5000, seed: 0 }
        scopes: [network, layer]
        k: 16                         # or a list such as [8, 12, 16]
        clustering: { n_init: 25, select: ncut, seed: 0 }
        measures:
          proxies: [lesion.acc_drop, lesion.class_range, featvis.score, featvis.entropy]
          random_subclusters: 19
          accuracy: overall
          seed: 0
          featvis: { steps: 100, lr: 0.05, jitter: 2 }

        """;

    /// <summary>The Markdown text, '\n' line ends, ending in a newline.</summary>
    public static string Generate()
    {
        var md = new StringBuilder();
        md.Append("# Manifest reference\n\n");
        md.Append("<!-- Generated from LocalSpec.Pipeline.ManifestFields by ManifestDocs.Generate(); do not edit by hand.\n");
        md.Append($"     Regenerate with: {RegenerateCommand} -->\n\n");
        md.Append("An experiment is one YAML file (by convention in `experiments/`). Only `name`, `dataset` and `network` are ");
        md.Append("required; every other field has the default listed below (METHOD.md is the source of the defaults). ");
        md.Append("Relative paths are relative to the manifest's folder.\n\n");
        md.Append("Editors running the YAML language server (e.g. VS Code's YAML extension) validate and complete a manifest whose ");
        md.Append("first line names the JSON Schema, `experiments/manifest.schema.json`, which is generated from the same field table ");
        md.Append("as this page and the reader. Every field at its default:\n\n");
        md.Append("```yaml\n").Append(Example.Replace("\r\n", "\n")).Append("```\n\n");

        md.Append("## Fields\n\n");
        md.Append("| field | type | default | meaning |\n|---|---|---|---|\n");
        foreach (ManifestField f in ManifestFields.All)
            md.Append($"| `{f.Path}` | {TypeText(f)} | {DefaultText(f)} | {f.Description} |\n");

        md.Append("\n## Rules across fields\n\n");
        md.Append("- `models` and `training` exclude each other (LSP011); with `models`, the number of replicates is the number of files.\n");
        md.Append("- With an architecture file as `network.arch`, `training.epochs` and `training.batch_size` are required (LSP008): only presets have defaults.\n");
        md.Append("- Replicate r is trained with seed `training.seed + r`.\n");
        md.Append("- A proxy may be named once, directly or through its family (LSP009).\n");
        md.Append("- Experiment names are unique among all manifests of a build (LSP009).\n");
        md.Append($"- `-p:Experiments=<selector>` (MSBuild) selects manifests by comma- or semicolon-separated experiment and set names; the default selector is `{ManifestSet.DefaultSet}`; an unknown one is LSP007.\n");

        md.Append("\n## Diagnostics\n\n");
        md.Append("Each problem is one line in MSBuild's canonical format, with the 1-based line and column of the offending node, ");
        md.Append("for example `experiments/mlp.yaml(3,5): error LSP002: unknown field 'epoch' in 'training' (known: epochs, batch_size, lr, replicates, seed)`. ");
        md.Append("Every problem in a file is reported at once, in document order; a manifest with errors runs nothing and writes nothing to the cache.\n\n");
        md.Append("| code | meaning |\n|---|---|\n");
        foreach (var (code, meaning) in DiagnosticCodes.Meanings) md.Append($"| {code} | {meaning} |\n");
        return md.ToString();
    }

    private static string TypeText(ManifestField f) => f.Kind switch
    {
        ManifestFieldKind.Section => "mapping",
        ManifestFieldKind.Integer => $"integer ≥ {Invariant(f.Minimum ?? 0)}",
        ManifestFieldKind.Seed => "integer ≥ 0 (64-bit)",
        ManifestFieldKind.Number => $"number > {Invariant(f.ExclusiveMinimum ?? 0)}",
        ManifestFieldKind.Choice when f == ManifestFields.Dataset => $"data set name: {Choices(f)}",
        ManifestFieldKind.Choice => $"one of {Choices(f)}",
        ManifestFieldKind.Text when f == ManifestFields.Arch => $"{Choices(f)}, or a path ending in `{ManifestFields.ArchFileSuffix}`",
        ManifestFieldKind.Text when f.Pattern is not null => $"text matching `{f.Pattern}`",
        ManifestFieldKind.Text => "text",
        ManifestFieldKind.List => ListText(f),
        ManifestFieldKind.IntegerOrList => $"integer ≥ {Invariant(f.Minimum ?? 0)}, or a non-empty list of distinct ones",
        _ => throw new InvalidOperationException($"No type text for {f.Kind}."),
    };

    private static string ListText(ManifestField f)
    {
        string items = f.ItemKind switch
        {
            ManifestFieldKind.Choice => Choices(f),
            ManifestFieldKind.Integer => $"integers ≥ {Invariant(f.Minimum ?? 0)}",
            _ when f.Pattern is not null => $"names matching `{f.Pattern}`",
            _ => "paths",
        };
        string constraints = (f.MinItems > 0, f.UniqueItems) switch
        {
            (true, true) => "non-empty list, distinct, of ",
            (true, false) => "non-empty list of ",
            (false, true) => "list, distinct, of ",
            _ => "list of ",
        };
        return constraints + items;
    }

    private static string DefaultText(ManifestField f) => f switch
    {
        { Required: true } => "**required**",
        { Kind: ManifestFieldKind.Section } => "see its fields",
        { Default: not null } => $"`{Yaml(f.Default)}`",
        _ => f.DefaultText ?? "none",
    };

    private static string Yaml(object value) => value switch
    {
        string[] list => $"[{string.Join(", ", list)}]",
        IFormattable n => n.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Choices(ManifestField f) => string.Join(", ", (f.Choices ?? []).Select(c => $"`{c}`"));

    private static string Invariant(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);
}
