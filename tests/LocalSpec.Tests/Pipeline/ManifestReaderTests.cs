using LocalSpec.Graphs;
using LocalSpec.Measures;
using LocalSpec.Partitioning;
using LocalSpec.Pipeline;
using LocalSpec.Tests.Data;
using static LocalSpec.Tests.Pipeline.ManifestTestFiles;

namespace LocalSpec.Tests.Pipeline;

public sealed class ManifestReaderTests
{
    private static Manifest Defaults(string name = "mlp-mnist10k") => new(
        SourcePath: ManifestTestFiles.ManifestPath,
        Name: name,
        Label: name,
        Paper: null,
        Sets: ["default"],
        Dataset: "mnist10k",
        Network: new NetworkSection("mlp"),
        Models: [],
        Training: new TrainingSection(Epochs: 20, BatchSize: 128, Lr: 0.001, Replicates: 5, Seed: 0),
        Graphs: [GraphKind.Weights, GraphKind.Activations],
        Graph: new GraphSection(KernelNorm.L1, ActivationSamples: 5000, Seed: 0),
        Scopes: [PartitionScope.Network, PartitionScope.Layer],
        K: [16],
        Clustering: new ClusteringSection(NInit: 25, RestartSelection.NCut, Seed: 0),
        Measures: new MeasuresSection(
            ["lesion.acc_drop", "lesion.class_range", "featvis.score", "featvis.entropy"],
            RandomSubclusters: 19, LesionAccuracy.Overall, Seed: 0, new FeatureVisSection(Steps: 100, Lr: 0.05, Jitter: 2)));

    [Fact]
    public void A_full_manifest_parses_to_the_expected_model()
    {
        const string yaml = """
            name: cnn-fashion
            label: "CNN, Fashion-MNIST"
            paper: "CNN, Fashion"
            sets: [default, smoke]
            dataset: fashion-mnist
            network: { arch: cnn }
            training: { epochs: 3, batch_size: 32, lr: 0.002, replicates: 2, seed: 10 }
            graphs: [activations]
            graph: { kernel_norm: induced, activation_samples: 1000, seed: 3 }
            scopes: [layer]
            k: [12, 8]
            clustering: { n_init: 5, select: inertia, seed: 4 }
            measures:
              proxies: [featvis.entropy, lesion]
              random_subclusters: 9
              accuracy: balanced
              seed: 6
              featvis: { steps: 10, lr: 0.1, jitter: 0 }
            """;
        var expected = new Manifest(
            SourcePath: ManifestTestFiles.ManifestPath,
            Name: "cnn-fashion",
            Label: "CNN, Fashion-MNIST",
            Paper: "CNN, Fashion",
            Sets: ["default", "smoke"],
            Dataset: "fashion-mnist",
            Network: new NetworkSection("cnn"),
            Models: [],
            Training: new TrainingSection(3, 32, 0.002, 2, 10),
            Graphs: [GraphKind.Activations],
            Graph: new GraphSection(KernelNorm.Induced, 1000, 3),
            Scopes: [PartitionScope.Layer],
            K: [12, 8],
            Clustering: new ClusteringSection(5, RestartSelection.Inertia, 4),
            Measures: new MeasuresSection(["lesion.acc_drop", "lesion.class_range", "featvis.entropy"], 9, LesionAccuracy.Balanced, 6,
                new FeatureVisSection(10, 0.1, 0)));

        Manifest manifest = ManifestReader.Parse(yaml, ManifestTestFiles.ManifestPath);

        Assert.Equal(expected, manifest);
        Assert.True(manifest.Network.IsPreset);
        Assert.True(manifest.TrainsModels);
        Assert.Equal(2, manifest.Replicates);
        Assert.Equal(11UL, manifest.Training.SeedOf(1));
    }

    [Fact]
    public void A_minimal_manifest_gets_every_default()
    {
        Assert.Equal(Defaults(), ManifestReader.Parse(Minimal, ManifestTestFiles.ManifestPath));
    }

    [Fact]
    public void Epochs_and_batch_size_default_to_the_presets_training_defaults()
    {
        Manifest cnn = ManifestReader.Parse("name: c\ndataset: mnist10k\nnetwork: { arch: cnn }\n", ManifestTestFiles.ManifestPath);
        Assert.Equal(new TrainingSection(10, 64, 0.001, 5, 0), cnn.Training);
    }

    [Fact]
    public void The_documented_example_spells_out_exactly_the_defaults()
    {
        Assert.Equal(Defaults(), ManifestReader.Parse(ManifestDocs.Example, ManifestTestFiles.ManifestPath));
    }

    [Fact]
    public void An_empty_value_means_the_default()
    {
        Manifest m = ManifestReader.Parse(Minimal + "label: ~\ntraining:\nmeasures: { featvis: }\n", ManifestTestFiles.ManifestPath);
        Assert.Equal(Defaults(), m);
    }

    [Fact]
    public void A_single_k_and_list_order_are_kept()
    {
        Manifest m = ManifestReader.Parse(Minimal + "k: 12\nscopes: [layer, network]\n", ManifestTestFiles.ManifestPath);
        Assert.Equal([12], m.K);
        Assert.Equal([PartitionScope.Layer, PartitionScope.Network], m.Scopes);
    }

    [Fact]
    public void Aliases_reuse_an_anchored_value()
    {
        Manifest m = ManifestReader.Parse(Minimal + "clustering: { seed: &s 7 }\ngraph: { seed: *s }\n", ManifestTestFiles.ManifestPath);
        Assert.Equal(7UL, m.Clustering.Seed);
        Assert.Equal(7UL, m.Graph.Seed);
    }

    [Fact]
    public void Model_files_resolve_against_the_manifests_folder_and_set_the_replicates()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(System.IO.Path.Combine(dir.Path, "a.safetensors"), []);
        File.WriteAllBytes(System.IO.Path.Combine(dir.Sub("sub"), "b.safetensors"), []);
        string path = System.IO.Path.Combine(dir.Path, "exp.yaml");
        File.WriteAllText(path, Minimal + "models: [a.safetensors, sub/b.safetensors]\n");

        Manifest m = ManifestReader.Load(path);

        Assert.Equal([System.IO.Path.Combine(dir.Path, "a.safetensors"), System.IO.Path.Combine(dir.Path, "sub", "b.safetensors")], m.Models);
        Assert.False(m.TrainsModels);
        Assert.Equal(2, m.Replicates);
        Assert.Equal(2, m.Training.Replicates);
        Assert.Equal(path, m.SourcePath);
    }

    [Fact]
    public void An_architecture_file_resolves_to_its_full_path_and_needs_explicit_training()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(System.IO.Path.Combine(dir.Sub("nets"), "tiny.json"), "{}");
        string yaml = "name: t\ndataset: mnist10k\nnetwork: { arch: nets/tiny.json }\ntraining: { epochs: 2, batch_size: 16 }\n";

        Manifest m = ManifestReader.Parse(yaml, System.IO.Path.Combine(dir.Path, "t.yaml"));

        Assert.Equal(System.IO.Path.Combine(dir.Path, "nets", "tiny.json"), m.Network.Arch);
        Assert.False(m.Network.IsPreset);
        Assert.Equal(new TrainingSection(2, 16, 0.001, 5, 0), m.Training);
    }

    [Fact]
    public void Derived_data_sets_of_any_stored_set_are_accepted()
    {
        Manifest m = ManifestReader.Parse(Minimal.Replace("mnist10k\n", "halves-fashion-mnist\n", StringComparison.Ordinal), ManifestTestFiles.ManifestPath);
        Assert.Equal("halves-fashion-mnist", m.Dataset);
    }

    [Fact]
    public void Positions_locate_each_written_value_and_fall_back_to_the_enclosing_section()
    {
        Manifest m = ManifestReader.Parse(Minimal + "training:\n  epochs: 3\nk: [8, 12]\n", ManifestTestFiles.ManifestPath);
        Assert.Equal((2, 10), m.Positions.Of("dataset"));
        Assert.Equal((5, 11), m.Positions.Of("training.epochs"));
        Assert.Equal((5, 3), m.Positions.Of("training.seed"));
        Assert.Equal((6, 8), m.Positions.Of("k[1]"));
        Assert.Equal((1, 1), m.Positions.Of("measures.seed"));
        Assert.Equal($"{ManifestTestFiles.ManifestPath}(2,10): error LSP101: no data",
            m.DiagnosticAt("dataset", DiagnosticCodes.DataUnavailable, "no data").ToString());
    }

    [Fact]
    public void A_manifest_equals_its_copy_whatever_the_list_types()
    {
        Manifest a = Defaults();
        Manifest b = a with { K = new List<int> { 16 }, Sets = ["default"] };
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, a with { K = [16, 8] });
    }

    [Fact]
    public void Load_reports_a_missing_manifest_without_a_position()
    {
        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "localspec-no-such-dir", "none.yaml");
        var e = Assert.Throws<PipelineException>(() => ManifestReader.Load(path));
        Assert.Equal($"{path}: error LSP010: manifest file not found", Assert.Single(e.Diagnostics).ToString());
    }
}
