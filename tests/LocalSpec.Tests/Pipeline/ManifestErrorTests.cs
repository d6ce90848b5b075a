using LocalSpec.Data;
using LocalSpec.Pipeline;
using LocalSpec.Tests.Data;
using static LocalSpec.Tests.Pipeline.ManifestTestFiles;

namespace LocalSpec.Tests.Pipeline;

/// <summary>
/// Each kind of manifest mistake gives exactly one diagnostic, at the offending node's 1-based
/// line and column, with a message that names the field and the fix. The texts below are the
/// contract users see; change them deliberately.
/// </summary>
public sealed class ManifestErrorTests
{
    public static TheoryData<string, string, int, int, string, string> SingleErrors => new()
    {
        { "unknown field", Minimal + "training:\n  epoch: 3\n", 5, 3, DiagnosticCodes.UnknownField,
            "unknown field 'epoch' in 'training' (known: epochs, batch_size, lr, replicates, seed)" },
        { "unknown top-level field", Minimal + "kk: 3\n", 4, 1, DiagnosticCodes.UnknownField,
            "unknown field 'kk' (known: name, label, paper, sets, dataset, network, models, training, graphs, graph, scopes, k, clustering, measures)" },
        { "wrong type", Minimal + "k: sixteen\n", 4, 4, DiagnosticCodes.WrongType,
            "'k' must be an integer >= 2 or a list of distinct ones such as [8, 12, 16], got 'sixteen'" },
        { "quoted integer", Minimal + "k: \"16\"\n", 4, 4, DiagnosticCodes.WrongType,
            "'k' must be an integer >= 2 or a list of distinct ones such as [8, 12, 16], got \"16\" (remove the quotes)" },
        { "k = 0", Minimal + "k: 0\n", 4, 4, DiagnosticCodes.OutOfRange, "'k' must be at least 2, got 0" },
        { "k repeated", Minimal + "k: [8, 8]\n", 4, 8, DiagnosticCodes.Duplicate, "8 is listed twice in 'k' (first on line 4); list each value once" },
        { "k item of the wrong type", Minimal + "k: [8, x]\n", 4, 8, DiagnosticCodes.WrongType, "each value in 'k' must be an integer >= 2, got 'x'" },
        { "k empty", Minimal + "k: []\n", 4, 4, DiagnosticCodes.OutOfRange, "'k' must list at least 1 value, e.g. 16 or [8, 12, 16]" },
        { "unknown proxy", Minimal + "measures: { proxies: [lesion.acc_dro] }\n", 4, 23, DiagnosticCodes.UnknownProxy,
            "unknown proxy 'lesion.acc_dro' in 'measures.proxies' (known: lesion.acc_drop, lesion.class_range, featvis.score, featvis.entropy, lesion, featvis)" },
        { "proxy named twice", Minimal + "measures: { proxies: [lesion, lesion.acc_drop] }\n", 4, 31, DiagnosticCodes.Duplicate,
            "'lesion.acc_drop' in 'measures.proxies' repeats 'lesion.acc_drop', already included by 'lesion'; list each proxy once" },
        { "unknown graph kind", Minimal + "graphs: [weight]\n", 4, 10, DiagnosticCodes.UnknownName,
            "unknown graph kind 'weight' in 'graphs' (known: weights, activations)" },
        { "unknown kernel norm", Minimal + "graph: { kernel_norm: l2 }\n", 4, 23, DiagnosticCodes.UnknownName,
            "unknown kernel norm 'l2' in 'graph.kernel_norm' (known: l1, induced)" },
        { "unknown restart selection", Minimal + "clustering: { select: best }\n", 4, 23, DiagnosticCodes.UnknownName,
            "unknown restart selection 'best' in 'clustering.select' (known: ncut, inertia)" },
        { "unknown scope", Minimal + "scopes: [global]\n", 4, 10, DiagnosticCodes.UnknownName,
            "unknown scope 'global' in 'scopes' (known: network, layer)" },
        { "unknown accuracy", Minimal + "measures:\n  accuracy: mean\n", 5, 13, DiagnosticCodes.UnknownName,
            "unknown accuracy 'mean' in 'measures.accuracy' (known: overall, balanced)" },
        { "unknown architecture", "name: x\ndataset: mnist10k\nnetwork: { arch: mlpp }\n", 3, 18, DiagnosticCodes.UnknownName,
            "unknown architecture 'mlpp' in 'network.arch' (known presets: mlp, cnn, vgg-cifar; or the path of an architecture .json file)" },
        { "graphs not a list", Minimal + "graphs: weights\n", 4, 9, DiagnosticCodes.WrongType,
            "'graphs' must be a list such as [weights, activations], got 'weights'" },
        { "section not a mapping", Minimal + "training: 5\n", 4, 11, DiagnosticCodes.WrongType,
            "'training' must be a mapping such as { epochs: 20, batch_size: 128 }, got '5'" },
        { "label given as a list", Minimal + "label: [a]\n", 4, 8, DiagnosticCodes.WrongType,
            "'label' must be text such as \"MLP, mnist10k\", got a list" },
        { "name with capitals", "name: My Exp\ndataset: mnist10k\nnetwork: { arch: mlp }\n", 1, 7, DiagnosticCodes.OutOfRange,
            "'name' must use only lowercase letters, digits, '.', '_' and '-', starting with a letter or digit, got 'My Exp'" },
        { "lr = 0", Minimal + "training: { lr: 0 }\n", 4, 17, DiagnosticCodes.OutOfRange, "'training.lr' must be greater than 0, got 0" },
        { "lr not a number", Minimal + "measures: { featvis: { lr: fast } }\n", 4, 28, DiagnosticCodes.WrongType,
            "'measures.featvis.lr' must be a number > 0, got 'fast'" },
        { "integer too large", Minimal + "training: { epochs: 99999999999 }\n", 4, 21, DiagnosticCodes.OutOfRange,
            "'training.epochs' must be at most 2147483647, got 99999999999" },
        { "negative seed", Minimal + "clustering: { seed: -1 }\n", 4, 21, DiagnosticCodes.OutOfRange, "'clustering.seed' must be at least 0, got -1" },
        { "seed not an integer", Minimal + "clustering: { seed: 1.5 }\n", 4, 21, DiagnosticCodes.WrongType,
            "'clustering.seed' must be a non-negative integer, got '1.5'" },
        { "missing name", "dataset: mnist10k\nnetwork: { arch: mlp }\n", 1, 1, DiagnosticCodes.MissingField,
            "missing required field 'name'; add e.g. 'name: mlp-mnist10k'" },
        { "empty name", "name:\ndataset: mnist10k\nnetwork: { arch: mlp }\n", 1, 1, DiagnosticCodes.MissingField,
            "missing required field 'name' (its value is empty); add e.g. 'name: mlp-mnist10k'" },
        { "missing arch", "name: x\ndataset: mnist10k\nnetwork: {}\n", 3, 10, DiagnosticCodes.MissingField,
            "missing required field 'arch' in 'network'; add e.g. 'arch: mlp' (known: mlp, cnn, vgg-cifar)" },
        { "duplicate key", Minimal + "k: 8\nk: 12\n", 5, 1, DiagnosticCodes.Duplicate, "duplicate field 'k' (first given on line 4); keep one" },
        { "duplicate set", Minimal + "sets: [a, b, a]\n", 4, 14, DiagnosticCodes.Duplicate, "'a' is listed twice in 'sets' (first on line 4); list each value once" },
        { "not a mapping", "- name\n- dataset\n", 1, 1, DiagnosticCodes.WrongType,
            "a manifest is a mapping of fields such as 'name: mlp-mnist10k', got a list" },
        { "unclosed bracket at the end", Minimal + "k: [8, 12\n", 5, 1, DiagnosticCodes.YamlSyntax,
            "YAML syntax error: while parsing a flow sequence, did not find expected ',' or ']' (is a '[' left unclosed?)" },
        { "unclosed bracket before more fields", "name: x\nk: [8, 12\ndataset: mnist10k\nnetwork: { arch: mlp }\n", 2, 4, DiagnosticCodes.YamlSyntax,
            "YAML syntax error: this '[' is never closed (add the matching ']')" },
        { "bad indentation", "name: x\ntraining:\n  epochs: 3\n batch_size: 4\n", 4, 2, DiagnosticCodes.YamlSyntax,
            "YAML syntax error: while parsing a block mapping, did not find expected key (check this line's indentation: fields of one section line up)" },
        { "a value on a key's line", "name: x\ntraining: epochs: 3\n", 2, 17, DiagnosticCodes.YamlSyntax,
            "YAML syntax error: while scanning a plain scalar value, found invalid mapping " +
            "(a value cannot hold 'key: value' on the same line; indent nested fields on their own lines or quote the value)" },
        { "second document", Minimal + "---\nname: y\n", 4, 1, DiagnosticCodes.YamlSyntax,
            "YAML syntax error: a manifest holds one YAML document; remove this second one (and its '---')" },
        { "unknown alias", Minimal + "k: *sixteen\n", 4, 4, DiagnosticCodes.YamlSyntax,
            "YAML syntax error: unknown alias '*sixteen' (define '&sixteen' before it)" },
    };

    [Theory]
    [MemberData(nameof(SingleErrors))]
    public void Each_mistake_gives_one_diagnostic_at_the_offending_node(string mistake, string yaml, int line, int column, string code, string message)
    {
        PipelineDiagnostic d = SingleError(yaml);
        Assert.True(d == new PipelineDiagnostic(ManifestTestFiles.ManifestPath, line, column, code, message), $"{mistake}: got {d}");
    }

    [Fact]
    public void The_diagnostic_line_is_file_line_column_code_and_message()
    {
        PipelineDiagnostic d = SingleError(Minimal + "training:\n  epoch: 3\n");
        Assert.Equal($"{ManifestTestFiles.ManifestPath}(5,3): error LSP002: unknown field 'epoch' in 'training' (known: epochs, batch_size, lr, replicates, seed)",
            d.ToString());
    }

    [Fact]
    public void An_unknown_data_set_lists_every_known_name()
    {
        PipelineDiagnostic d = SingleError("name: x\ndataset: mnist11k\nnetwork: { arch: mlp }\n");
        Assert.Equal((2, 10, DiagnosticCodes.UnknownDataset), (d.Line, d.Column, d.Code));
        Assert.Equal($"unknown dataset 'mnist11k' (known: {string.Join(", ", ManifestFields.Dataset.Choices!)})", d.Message);
        Assert.StartsWith($"unknown dataset 'mnist11k' (known: {string.Join(", ", DatasetCatalog.Names)}, halves-mnist10k, ", d.Message);
    }

    [Fact]
    public void Models_and_training_together_are_a_conflict_at_the_training_key()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(System.IO.Path.Combine(dir.Path, "a.safetensors"), []);
        string path = System.IO.Path.Combine(dir.Path, "exp.yaml");

        PipelineDiagnostic d = SingleError(Minimal + "models: [a.safetensors]\ntraining: { epochs: 2 }\n", path);

        Assert.Equal(new PipelineDiagnostic(path, 5, 1, DiagnosticCodes.Conflict,
            "'training' cannot be combined with 'models': the listed models are analysed, not trained (remove 'training', or remove 'models' to train)"), d);
    }

    [Fact]
    public void A_missing_model_file_is_reported_at_its_list_item()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(System.IO.Path.Combine(dir.Path, "a.safetensors"), []);
        string path = System.IO.Path.Combine(dir.Path, "exp.yaml");

        PipelineDiagnostic d = SingleError(Minimal + "models: [a.safetensors, b.safetensors]\n", path);

        Assert.Equal(new PipelineDiagnostic(path, 4, 25, DiagnosticCodes.FileNotFound,
            $"model file 'b.safetensors' not found (looked for {System.IO.Path.Combine(dir.Path, "b.safetensors")}; paths are relative to the manifest's folder)"), d);
    }

    [Fact]
    public void A_missing_architecture_file_is_reported_at_the_arch_value()
    {
        using var dir = new TempDirectory();
        string path = System.IO.Path.Combine(dir.Path, "exp.yaml");

        PipelineDiagnostic d = SingleError("name: x\ndataset: mnist10k\nnetwork:\n  arch: ../nets/net.json\ntraining: { epochs: 1, batch_size: 8 }\n", path);

        string full = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.Path, "..", "nets", "net.json"));
        Assert.Equal(new PipelineDiagnostic(path, 4, 9, DiagnosticCodes.FileNotFound,
            $"architecture file '../nets/net.json' not found (looked for {full}; paths are relative to the manifest's folder)"), d);
    }

    [Fact]
    public void An_architecture_file_without_epochs_and_batch_size_asks_for_them()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(System.IO.Path.Combine(dir.Path, "net.json"), "{}");
        string path = System.IO.Path.Combine(dir.Path, "exp.yaml");

        PipelineDiagnostic d = SingleError("name: x\ndataset: mnist10k\nnetwork: { arch: net.json }\ntraining: { lr: 0.01 }\n", path);

        Assert.Equal(new PipelineDiagnostic(path, 4, 1, DiagnosticCodes.MissingField,
            "missing 'training.epochs' and 'training.batch_size': an architecture file has no preset defaults (add e.g. 'training: { epochs: 20, batch_size: 128 }')"), d);
    }

    [Fact]
    public void An_empty_file_misses_the_three_required_fields()
    {
        IReadOnlyList<PipelineDiagnostic> all = Errors("# nothing yet\n");
        Assert.Equal(["name", "dataset", "network"], all.Select(d => d.Message.Split('\'')[1]));
        Assert.All(all, d => Assert.Equal((1, 1, DiagnosticCodes.MissingField), (d.Line, d.Column, d.Code)));
    }

    [Fact]
    public void Every_error_of_a_file_is_reported_in_document_order()
    {
        const string yaml = """
            name: Bad Name
            dataset: mnist11k
            network: { arch: mlp }
            training:
              epoch: 3
              replicates: 0
            k: [8, 8, 0]
            measures: { proxies: [featvis.scor] }
            graphs: weights
            """;

        IReadOnlyList<PipelineDiagnostic> all = Errors(yaml);

        Assert.Equal(
            [(1, 7, "LSP004"), (2, 10, "LSP005"), (5, 3, "LSP002"), (6, 15, "LSP004"), (7, 8, "LSP009"), (7, 11, "LSP004"), (8, 23, "LSP006"), (9, 9, "LSP003")],
            all.Select(d => (d.Line, d.Column, d.Code)));
        Assert.All(all, d => Assert.Equal(ManifestTestFiles.ManifestPath, d.File));
    }

    [Fact]
    public void A_missing_required_field_is_reported_with_the_other_errors()
    {
        IReadOnlyList<PipelineDiagnostic> all = Errors("name: x\nnetwork: { arch: mlp }\nk: 1\n");
        Assert.Equal([(1, 1, "LSP008"), (3, 4, "LSP004")], all.Select(d => (d.Line, d.Column, d.Code)));
    }
}
