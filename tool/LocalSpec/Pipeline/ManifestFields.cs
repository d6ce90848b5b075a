using System.Globalization;
using LocalSpec.Data;
using LocalSpec.Graphs;
using LocalSpec.Measures;
using LocalSpec.Nn;
using LocalSpec.Partitioning;

namespace LocalSpec.Pipeline;

/// <summary>
/// The manifest format as a table of <see cref="ManifestField"/>s: the reader validates against it,
/// the JSON Schema and docs/manifest.md are generated from it. Defaults come from the library's
/// own option types (METHOD.md is their source), so changing one there changes all three.
/// </summary>
public static class ManifestFields
{
    internal const string NamePattern = "^[a-z0-9][a-z0-9._-]*$";

    /// <summary>The ending that marks <c>network.arch</c> as an architecture file rather than a preset.</summary>
    public const string ArchFileSuffix = ".json";
    private const string NamePatternText = "lowercase letters, digits, '.', '_' and '-', starting with a letter or digit";

    public static ManifestField Name { get; } = new("name", ManifestFieldKind.Text,
        "Experiment name: unique among all manifests; names the lock-file section, the stage instances and the report rows. " +
        "`-p:Experiments=<name>` selects it.")
    { Required = true, Pattern = NamePattern, PatternText = NamePatternText, Example = "mlp-mnist10k" };

    public static ManifestField Label { get; } = new("label", ManifestFieldKind.Text, "Row label in the reports.")
    { DefaultText = "the name", Example = "\"MLP, mnist10k\"" };

    public static ManifestField Paper { get; } = new("paper", ManifestFieldKind.Text,
        "The `network` value of the paper's reference row (the reports' reference CSV) to show beside ours, e.g. \"MLP, MNIST\".")
    { DefaultText = "none (no paper value shown)", Example = "\"MLP, MNIST\"" };

    public static ManifestField Sets { get; } = new("sets", ManifestFieldKind.List,
        "Experiment sets this manifest belongs to; `-p:Experiments=<set>` selects every manifest of a set. `[]`: selectable by name only.")
    { Default = new[] { ManifestSet.DefaultSet }, Pattern = NamePattern, PatternText = NamePatternText, UniqueItems = true, Example = "[default, smoke]" };

    public static ManifestField Dataset { get; } = new("dataset", ManifestFieldKind.Choice,
        "The data set to train and test on (METHOD.md §1); fetched into the data store when missing. " +
        "`halves-BASE` and `stack-BASE` derive a set from any stored BASE.")
    { Required = true, Choices = DatasetChoices(), ChoiceNoun = "dataset", UnknownChoiceCode = DiagnosticCodes.UnknownDataset, Example = "mnist10k" };

    public static ManifestField Arch { get; } = new("arch", ManifestFieldKind.Text,
        $"A preset ({string.Join(", ", Presets.Names.Select(n => $"`{n}`"))}, METHOD.md §1) or the path of an architecture `.json` file, relative to the manifest's folder.")
    { Required = true, Choices = Presets.Names, ChoiceNoun = "architecture", Example = "mlp" };

    public static ManifestField Network { get; } = new("network", ManifestFieldKind.Section, "The network to train or analyse.")
    { Required = true, Example = "{ arch: mlp }", Fields = [Arch] };

    public static ManifestField Models { get; } = new("models", ManifestFieldKind.List,
        "Weight files (`.safetensors`, relative to the manifest's folder) to analyse instead of training; one replicate per file. " +
        "Cannot be combined with `training`.")
    { DefaultText = "none (train the network)", MinItems = 1, UniqueItems = true, Example = "[model-s0.safetensors, model-s1.safetensors]" };

    public static ManifestField Epochs { get; } = new("epochs", ManifestFieldKind.Integer,
        "Training epochs. Required with an architecture file, which has no preset default.")
    { Minimum = 1, DefaultText = $"the preset's ({PresetDefaults(o => o.Epochs)})" };

    public static ManifestField BatchSize { get; } = new("batch_size", ManifestFieldKind.Integer,
        "Mini-batch size. Required with an architecture file, which has no preset default.")
    { Minimum = 1, DefaultText = $"the preset's ({PresetDefaults(o => o.BatchSize)})" };

    public static ManifestField TrainingLr { get; } = new("lr", ManifestFieldKind.Number, "Adam learning rate (β 0.9/0.999).")
    { ExclusiveMinimum = 0, Default = new AdamOptions().LearningRate };

    public static ManifestField Replicates { get; } = new("replicates", ManifestFieldKind.Integer,
        "Identically configured networks trained with seeds `seed` … `seed + replicates − 1` (METHOD.md §1, §7).")
    { Minimum = 1, Default = 5 };

    public static ManifestField TrainingSeed { get; } = new("seed", ManifestFieldKind.Seed,
        "Seed of replicate 0; replicate r uses `seed + r` (initialisation, shuffling, dropout).")
    { Default = 0UL };

    public static ManifestField Training { get; } = new("training", ManifestFieldKind.Section,
        "How to train the replicates (METHOD.md §1). Not allowed together with `models`.")
    { Example = "{ epochs: 20, batch_size: 128 }", Fields = [Epochs, BatchSize, TrainingLr, Replicates, TrainingSeed] };

    public static ManifestField Graphs { get; } = new("graphs", ManifestFieldKind.List,
        "Graph kinds to build (METHOD.md §2): `weights` (absolute weights / kernel norms) and `activations` (squared Spearman correlations).")
    {
        ItemKind = ManifestFieldKind.Choice,
        Choices = EnumChoices<GraphKind>(),
        ChoiceNoun = "graph kind",
        MinItems = 1,
        UniqueItems = true,
        Default = EnumChoices<GraphKind>().ToArray(),
        Example = "[weights, activations]"
    };

    public static ManifestField KernelNorm { get; } = new("kernel_norm", ManifestFieldKind.Choice,
        "How a conv kernel slice becomes an edge weight (METHOD.md §2): `l1` entry-wise (the paper) or `induced` matrix 1-norm (the authors' code).")
    { Choices = EnumChoices<KernelNorm>(), ChoiceNoun = "kernel norm", Default = ChoiceName(new WeightGraphOptions().KernelNorm) };

    public static ManifestField ActivationSamples { get; } = new("activation_samples", ManifestFieldKind.Integer,
        "Training examples (at most; a seeded sample) whose activations make the activation graph (METHOD.md §2).")
    { Minimum = 2, Default = new ActivationGraphOptions().MaxExamples };

    public static ManifestField GraphSeed { get; } = new("seed", ManifestFieldKind.Seed, "Seed of the activation-graph example sample.")
    { Default = 0UL };

    public static ManifestField Graph { get; } = new("graph", ManifestFieldKind.Section, "Graph settings.")
    { Example = "{ kernel_norm: l1 }", Fields = [KernelNorm, ActivationSamples, GraphSeed] };

    public static ManifestField Scopes { get; } = new("scopes", ManifestFieldKind.List,
        "Partitioning scopes (METHOD.md §3): `network` (one clustering of the whole graph) and `layer` (one per hidden layer).")
    {
        ItemKind = ManifestFieldKind.Choice,
        Choices = EnumChoices<PartitionScope>(),
        ChoiceNoun = "scope",
        MinItems = 1,
        UniqueItems = true,
        Default = EnumChoices<PartitionScope>().ToArray(),
        Example = "[network, layer]"
    };

    public static ManifestField K { get; } = new("k", ManifestFieldKind.IntegerOrList,
        "Clusters of the network-scope clustering (METHOD.md §3), or a list of distinct values: one partition (and everything after it) per value.")
    { Minimum = 2, MinItems = 1, UniqueItems = true, Default = new SpectralClusteringOptions().K, Example = "16 or [8, 12, 16]" };

    public static ManifestField NInit { get; } = new("n_init", ManifestFieldKind.Integer,
        "k-means restarts (METHOD.md §4); `select` says which one is kept.")
    { Minimum = 1, Default = new SpectralClusteringOptions().Restarts };

    public static ManifestField ClusteringSelect { get; } = new("select", ManifestFieldKind.Choice,
        "Which k-means restart is kept: `ncut`, the lowest n-cut (the objective the spectral relaxation approximates), or `inertia`, the lowest k-means inertia (the paper's and scikit-learn's rule, METHOD.md §4).")
    { Choices = [ChoiceName(RestartSelection.NCut), ChoiceName(RestartSelection.Inertia)], ChoiceNoun = "restart selection", Default = ChoiceName(new SpectralClusteringOptions().Selection) };

    public static ManifestField ClusteringSeed { get; } = new("seed", ManifestFieldKind.Seed,
        "Seed of the eigen-solver start vector and the k-means restarts.")
    { Default = 0UL };

    public static ManifestField Clustering { get; } = new("clustering", ManifestFieldKind.Section, "Spectral clustering settings.")
    { Example = "{ n_init: 25, select: ncut, seed: 0 }", Fields = [NInit, ClusteringSelect, ClusteringSeed] };

    public static ManifestField Proxies { get; } = new("proxies", ManifestFieldKind.List,
        "Proxies to measure (METHOD.md §6); a family name (`lesion`, `featvis`) stands for both of its proxies.")
    {
        ItemKind = ManifestFieldKind.Choice,
        Choices = [.. ProxyNames.All, .. ProxyNames.Families],
        ChoiceNoun = "proxy",
        UnknownChoiceCode = DiagnosticCodes.UnknownProxy,
        MinItems = 1,
        UniqueItems = true,
        Default = ProxyNames.All.ToArray(),
        Example = "[lesion.acc_drop, featvis]"
    };

    public static ManifestField RandomSubclusters { get; } = new("random_subclusters", ManifestFieldKind.Integer,
        "Random same-size unit sets drawn per subcluster as its control (METHOD.md §5).")
    { Minimum = 1, Default = RandomControls.DefaultCount };

    public static ManifestField Accuracy { get; } = new("accuracy", ManifestFieldKind.Choice,
        "The accuracy behind `lesion.acc_drop` (METHOD.md §6): `overall` (the paper) or `balanced`, the mean class-wise accuracy (the authors' code).")
    { Choices = EnumChoices<LesionAccuracy>(), ChoiceNoun = "accuracy", Default = ChoiceName(new LesionOptions().Accuracy) };

    public static ManifestField MeasuresSeed { get; } = new("seed", ManifestFieldKind.Seed,
        "Seed of the random controls and the feature-visualisation starts.")
    { Default = 0UL };

    public static ManifestField FeatVisSteps { get; } = new("steps", ManifestFieldKind.Integer, "Adam steps per visualisation (METHOD.md §6).")
    { Minimum = 1, Default = new FeatureVisOptions().Steps };

    public static ManifestField FeatVisLr { get; } = new("lr", ManifestFieldKind.Number, "Adam learning rate of the visualisation.")
    { ExclusiveMinimum = 0, Default = new FeatureVisOptions().LearningRate };

    public static ManifestField FeatVisJitter { get; } = new("jitter", ManifestFieldKind.Integer,
        "Largest random shift in pixels applied at each step; 0 disables jitter.")
    { Minimum = 0, Default = new FeatureVisOptions().Jitter };

    public static ManifestField FeatVis { get; } = new("featvis", ManifestFieldKind.Section, "Feature visualisation settings (the paper's A.6).")
    { Example = "{ steps: 100, lr: 0.05, jitter: 2 }", Fields = [FeatVisSteps, FeatVisLr, FeatVisJitter] };

    public static ManifestField Measures { get; } = new("measures", ManifestFieldKind.Section, "Which proxies to measure and how.")
    { Example = "{ proxies: [lesion, featvis] }", Fields = [Proxies, RandomSubclusters, Accuracy, MeasuresSeed, FeatVis] };

    /// <summary>The whole format: the root section, in documentation order.</summary>
    public static ManifestField Root { get; } = ManifestField.Root(
        "A LocalSpec experiment manifest: one experiment (network × data set × graphs × scopes × k × proxies) per YAML file.",
        Name, Label, Paper, Sets, Dataset, Network, Models, Training, Graphs, Graph, Scopes, K, Clustering, Measures);

    /// <summary>Every field, depth first in documentation order.</summary>
    public static IEnumerable<ManifestField> All => Root.Fields.SelectMany(f => f.DescendantsAndSelf());

    /// <summary>The YAML spelling of a library enum value: its name in lower case (<c>KernelNorm.L1</c> → <c>l1</c>).</summary>
    public static string ChoiceName<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    /// <summary>The enum value a choice names (the inverse of <see cref="ChoiceName"/>).</summary>
    internal static T ParseChoice<T>(string choice) where T : struct, Enum =>
        Enum.GetValues<T>().Single(v => ChoiceName(v) == choice);

    private static IReadOnlyList<string> EnumChoices<T>() where T : struct, Enum => [.. Enum.GetValues<T>().Select(ChoiceName)];

    private static string PresetDefaults(Func<TrainingOptions, int> value) =>
        string.Join(", ", Presets.Names.Select(n => string.Create(CultureInfo.InvariantCulture, $"{n} {value(Presets.TrainingDefaults(n))}")));

    /// <summary>
    /// Every name <see cref="DatasetCatalog.Load"/> accepts: the catalog's names, then each derived
    /// kind (halves, stack) of every other stored set.
    /// </summary>
    private static IReadOnlyList<string> DatasetChoices()
    {
        var kinds = DatasetCatalog.Names
            .Select(n => DatasetCatalog.TryParseDerived(n, out string kind, out _) ? kind : null)
            .OfType<string>().Distinct();
        var derived = kinds.SelectMany(kind => DatasetCatalog.StoredSets.Select(s => $"{kind}-{s.Name}"));
        return [.. DatasetCatalog.Names, .. derived.Where(n => !DatasetCatalog.Names.Contains(n) && DatasetCatalog.IsKnown(n))];
    }
}
