using System.Globalization;
using LocalSpec.Graphs;
using LocalSpec.Measures;
using LocalSpec.Nn;
using LocalSpec.Partitioning;
using F = LocalSpec.Pipeline.ManifestFields;

namespace LocalSpec.Pipeline;

/// <summary>
/// Turns <see cref="ManifestValidator"/>'s values into a <see cref="Manifest"/>: applies the
/// defaults, resolves paths against the manifest's folder, and checks the rules that involve
/// more than one field or the file system (missing files, <c>models</c> with <c>training</c>,
/// training settings an architecture file has no preset default for, proxies named twice).
/// Tolerates the fields the validator rejected: it still returns a manifest, and the reader
/// discards it when there is any diagnostic.
/// </summary>
internal sealed class ManifestBuilder(string path, ManifestValidator validator, List<PipelineDiagnostic> diagnostics)
{
    private readonly string _directory = System.IO.Path.GetDirectoryName(path) ?? "";

    public Manifest Build()
    {
        string name = Value<string>(F.Name) ?? "";
        NetworkSection network = Network(out string? preset, out bool archFile);
        IReadOnlyList<string> models = Models();
        return new Manifest(
            SourcePath: path,
            Name: name,
            Label: Value<string>(F.Label) ?? name,
            Paper: Value<string>(F.Paper),
            Sets: Strings(F.Sets),
            Dataset: Value<string>(F.Dataset) ?? "",
            Network: network,
            Models: models,
            Training: Training(preset, archFile, models),
            Graphs: [.. Strings(F.Graphs).Select(F.ParseChoice<GraphKind>)],
            Graph: new GraphSection(
                F.ParseChoice<KernelNorm>(Value<string>(F.KernelNorm) ?? (string)F.KernelNorm.Default!),
                Int(F.ActivationSamples),
                Seed(F.GraphSeed)),
            Scopes: [.. Strings(F.Scopes).Select(F.ParseChoice<PartitionScope>)],
            K: Items(F.K) is { } k ? [.. k.Select(i => (int)i.Value)] : [(int)F.K.Default!],
            Clustering: new ClusteringSection(
                Int(F.NInit),
                F.ParseChoice<RestartSelection>(Value<string>(F.ClusteringSelect) ?? (string)F.ClusteringSelect.Default!),
                Seed(F.ClusteringSeed)),
            Measures: new MeasuresSection(
                Proxies(),
                Int(F.RandomSubclusters),
                F.ParseChoice<LesionAccuracy>(Value<string>(F.Accuracy) ?? (string)F.Accuracy.Default!),
                Seed(F.MeasuresSeed),
                new FeatureVisSection(Int(F.FeatVisSteps), Double(F.FeatVisLr), Int(F.FeatVisJitter))))
        {
            Positions = Positions(),
        };
    }

    /// <summary>A preset name as is; anything ending in .json is a file relative to the manifest, which must exist.</summary>
    private NetworkSection Network(out string? preset, out bool archFile)
    {
        preset = null;
        archFile = false;
        if (!validator.Values.TryGetValue(F.Arch, out ParsedValue? value)) return new NetworkSection("");
        string arch = (string)value.Value;
        if (Presets.Names.Contains(arch))
        {
            preset = arch;
            return new NetworkSection(arch);
        }
        if (arch.EndsWith(ManifestFields.ArchFileSuffix, StringComparison.Ordinal))
        {
            archFile = true;
            return new NetworkSection(ExistingFile(arch, value.Node, "architecture file"));
        }
        Error(value.Node, DiagnosticCodes.UnknownName,
            $"unknown architecture '{arch}' in 'network.arch' (known presets: {string.Join(", ", Presets.Names)}; or the path of an architecture {ManifestFields.ArchFileSuffix} file)");
        return new NetworkSection(arch);
    }

    private IReadOnlyList<string> Models()
    {
        if (Items(F.Models) is not { } items) return [];
        var models = new List<string>();
        foreach (ParsedValue item in items)
        {
            string full = ExistingFile((string)item.Value, item.Node, "model file");
            if (models.Contains(full))
                Error(item.Node, DiagnosticCodes.Duplicate, $"'{item.Value}' names the same file as an earlier entry of 'models' ({full}); list each model once");
            models.Add(full);
        }
        return models;
    }

    private TrainingSection Training(string? preset, bool archFile, IReadOnlyList<string> models)
    {
        bool analyses = validator.Written.Contains(F.Models);
        if (analyses && validator.Written.Contains(F.Training))
        {
            Error(validator.Keys[F.Training], DiagnosticCodes.Conflict,
                "'training' cannot be combined with 'models': the listed models are analysed, not trained (remove 'training', or remove 'models' to train)");
        }
        TrainingOptions defaults = preset is null ? new TrainingOptions() : Presets.TrainingDefaults(preset);
        if (archFile && !analyses)
        {
            string[] missing = [.. new[] { F.Epochs, F.BatchSize }.Where(f => !validator.Written.Contains(f)).Select(f => f.Name)];
            if (missing.Length > 0)
            {
                YamlNode at = validator.Keys.GetValueOrDefault(F.Training) ?? validator.Values[F.Arch].Node;
                Error(at, DiagnosticCodes.MissingField,
                    $"missing {string.Join(" and ", missing.Select(m => $"'training.{m}'"))}: an architecture file has no preset defaults " +
                    "(add e.g. 'training: { epochs: 20, batch_size: 128 }')");
            }
        }
        int replicates = analyses ? Math.Max(1, models.Count) : Int(F.Replicates);
        ulong seed = analyses ? 0 : Seed(F.TrainingSeed);
        if (seed > ulong.MaxValue - (ulong)(replicates - 1))
        {
            Error(validator.Values[F.TrainingSeed].Node, DiagnosticCodes.OutOfRange,
                $"'training.seed' + replicates - 1 must fit in 64 bits: seed must be at most {ulong.MaxValue - (ulong)(replicates - 1)} with {replicates} replicates");
        }
        return new TrainingSection(
            Value<int?>(F.Epochs) ?? defaults.Epochs,
            Value<int?>(F.BatchSize) ?? defaults.BatchSize,
            Value<double?>(F.TrainingLr) ?? defaults.Adam.LearningRate,
            replicates,
            seed);
    }

    /// <summary>The proxies named directly or by family, in <see cref="ProxyNames.All"/> order; one named twice is an error.</summary>
    private IReadOnlyList<string> Proxies()
    {
        if (Items(F.Proxies) is not { } items) return ProxyNames.All;
        var includedBy = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (ParsedValue item in items)
        {
            string written = (string)item.Value;
            foreach (string proxy in ProxyNames.Expand(written))
            {
                if (includedBy.TryAdd(proxy, written)) continue;
                Error(item.Node, DiagnosticCodes.Duplicate,
                    $"'{written}' in 'measures.proxies' repeats '{proxy}', already included by '{includedBy[proxy]}'; list each proxy once");
                break;
            }
        }
        return [.. ProxyNames.All.Where(includedBy.ContainsKey)];
    }

    private string ExistingFile(string written, YamlNode node, string what)
    {
        string full = System.IO.Path.GetFullPath(System.IO.Path.Combine(_directory, written));
        if (!File.Exists(full))
            Error(node, DiagnosticCodes.FileNotFound, $"{what} '{written}' not found (looked for {full}; paths are relative to the manifest's folder)");
        return full;
    }

    private ManifestPositions Positions()
    {
        var positions = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        foreach (var (field, key) in validator.Keys) positions[field.Path] = (key.Line, key.Column);
        foreach (var (field, value) in validator.Values)
        {
            positions[field.Path] = (value.Node.Line, value.Node.Column);
            if (value.Value is List<ParsedValue> items)
            {
                for (int i = 0; i < items.Count; i++)
                    positions[string.Create(CultureInfo.InvariantCulture, $"{field.Path}[{i}]")] = (items[i].Node.Line, items[i].Node.Column);
            }
        }
        return new ManifestPositions(positions);
    }

    private T? Value<T>(ManifestField field) =>
        validator.Values.TryGetValue(field, out ParsedValue? v) ? (T)v.Value : default;

    private int Int(ManifestField field) => Value<int?>(field) ?? (int)field.Default!;

    private ulong Seed(ManifestField field) => Value<ulong?>(field) ?? (ulong)field.Default!;

    private double Double(ManifestField field) => Value<double?>(field) ?? (double)field.Default!;

    private List<ParsedValue>? Items(ManifestField field) => Value<List<ParsedValue>>(field);

    private IReadOnlyList<string> Strings(ManifestField field) =>
        Items(field) is { } items ? [.. items.Select(i => (string)i.Value)] : (string[])field.Default!;

    private void Error(YamlNode at, string code, string message) =>
        diagnostics.Add(new PipelineDiagnostic(path, at.Line, at.Column, code, message));
}
