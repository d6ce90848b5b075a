using FsCheck;
using FsCheck.Fluent;
using LocalSpec.Graphs;
using LocalSpec.Measures;
using LocalSpec.Nn;
using LocalSpec.Partitioning;
using LocalSpec.Pipeline;
using LocalSpec.Tests.Data;
using static LocalSpec.Tests.Nn.Safetensors.SafetensorsTestBytes;

namespace LocalSpec.Tests.Pipeline;

/// <summary>Any valid manifest, written out as YAML, reads back as itself.</summary>
public sealed class ManifestRoundTripTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string[] _modelFiles;
    private readonly string _archFile;

    public ManifestRoundTripTests()
    {
        _modelFiles = [.. Enumerable.Range(0, 4).Select(i => Path.Combine(_dir.Path, $"m{i}.safetensors"))];
        foreach (string f in _modelFiles) File.WriteAllBytes(f, []);
        _archFile = Path.Combine(_dir.Sub("nets"), "net.json");
        File.WriteAllText(_archFile, "{}");
    }

    public void Dispose() => _dir.Dispose();

    private string ManifestPath => Path.Combine(_dir.Path, "exp.yaml");

    private static readonly Gen<ulong> Seeds = Gen.OneOf(
        Gen.Choose(0, 100).Select(i => (ulong)i),
        Gen.Choose(int.MinValue, int.MaxValue).Zip(Gen.Choose(int.MinValue, int.MaxValue), (hi, lo) => ((ulong)(uint)hi << 32 | (uint)lo) >> 1));

    private static readonly Gen<double> PositiveNumbers = Gen.OneOf(
        Gen.Choose(1, 999_999).Zip(Gen.Choose(-12, 3), (m, e) => m * Math.Pow(10, e)),
        Gen.Choose(int.MinValue, int.MaxValue).Zip(Gen.Choose(0, int.MaxValue), (hi, lo) => BitConverter.Int64BitsToDouble((long)(uint)hi << 32 | (uint)lo))
            .Where(d => d > 0 && double.IsFinite(d)));

    private static readonly Gen<string> Names =
        from first in Gen.Elements("abcdefghijklmnopqrstuvwxyz0123456789".ToCharArray())
        from rest in Gen.ArrayOf(Gen.Elements("abcz09._-".ToCharArray())).Select(a => a.Take(10))
        select first + new string([.. rest]);

    private static readonly Gen<string> Texts =
        Gen.ArrayOf(Gen.Elements("a", "Z", " ", "\"", "'", "\\", ":", "#", "-", ",", "[", "{", "é", "☃", "\t", "\n", "%", "&", "*", "!", "|", ">"))
            .Select(parts => string.Concat(parts.Take(12)));

    private static Gen<T[]> NonEmptySubset<T>(IReadOnlyList<T> items, bool shuffle) =>
        Gen.SubListOf(items.ToArray()).Where(l => l.Count > 0).SelectMany(l => shuffle ? Gen.Shuffle(l.ToArray()) : Gen.Constant(l.ToArray()));

    private Gen<Manifest> Manifests()
    {
        Gen<TrainingSection> training =
            from epochs in Gen.Choose(1, 500)
            from batch in Gen.Choose(1, 1024)
            from lr in PositiveNumbers
            from replicates in Gen.Choose(1, 10)
            from seed in Seeds
            select new TrainingSection(epochs, batch, lr, replicates, seed);
        Gen<MeasuresSection> measures =
            from proxies in NonEmptySubset(ProxyNames.All, shuffle: false)
            from random in Gen.Choose(1, 100)
            from accuracy in Gen.Elements(Enum.GetValues<LesionAccuracy>())
            from seed in Seeds
            from steps in Gen.Choose(1, 1000)
            from lr in PositiveNumbers
            from jitter in Gen.Choose(0, 5)
            select new MeasuresSection(proxies, random, accuracy, seed, new FeatureVisSection(steps, lr, jitter));
        return
            from name in Names
            from label in Texts
            from paper in Gen.OneOf(Gen.Constant<string?>(null), Texts.Select(t => (string?)t))
            from sets in Gen.SubListOf("default", "smoke", "paper-rows", "a.b_c").SelectMany(l => Gen.Shuffle(l.ToArray()))
            from dataset in Gen.Elements(ManifestFields.Dataset.Choices!.ToArray())
            from arch in Gen.Elements([.. Presets.Names, _archFile])
            from models in Gen.Frequency((2, Gen.Constant(Array.Empty<string>())), (1, NonEmptySubset(_modelFiles, shuffle: true)))
            from trained in training
            from graphs in NonEmptySubset(Enum.GetValues<GraphKind>(), shuffle: true)
            from norm in Gen.Elements(Enum.GetValues<KernelNorm>())
            from samples in Gen.Choose(2, 100_000)
            from graphSeed in Seeds
            from scopes in NonEmptySubset(Enum.GetValues<PartitionScope>(), shuffle: true)
            from k in Gen.ListOf(Gen.Choose(2, 1000)).Select(l => l.Distinct().ToArray()).Where(l => l.Length > 0)
            from nInit in Gen.Choose(1, 100)
            from selection in Gen.Elements(Enum.GetValues<RestartSelection>())
            from clusteringSeed in Seeds
            let clustering = new ClusteringSection(nInit, selection, clusteringSeed)
            from measured in measures
            select new Manifest(ManifestPath, name, label, paper, sets, dataset,
                new NetworkSection(arch), models, models.Length == 0 ? trained : Untrained(arch, models.Length),
                graphs, new GraphSection(norm, samples, graphSeed), scopes, k, clustering, measured);
    }

    /// <summary>What the reader puts in <see cref="Manifest.Training"/> when <c>models</c> replaces training.</summary>
    private static TrainingSection Untrained(string arch, int models)
    {
        TrainingOptions defaults = Presets.Names.Contains(arch) ? Presets.TrainingDefaults(arch) : new TrainingOptions();
        return new TrainingSection(defaults.Epochs, defaults.BatchSize, defaults.Adam.LearningRate, models, 0);
    }

    [Fact]
    public void Any_valid_manifest_written_as_yaml_reads_back_as_itself()
    {
        Check.One(PropertyConfig(300, 0x3A9F), Prop.ForAll(Manifests().ToArbitrary(), manifest =>
        {
            string yaml = ManifestYamlWriter.Write(manifest);
            Manifest read;
            try
            {
                read = ManifestReader.Parse(yaml, ManifestPath);
            }
            catch (PipelineException e)
            {
                throw new InvalidOperationException($"rejected:\n{yaml}\n{e.Message}", e);
            }
            Assert.True(manifest == read, $"differs after the round trip:\n{yaml}\nexpected {manifest}\nread     {read}");
        }));
    }
}
