using System.Globalization;
using System.Text.Json;
using LocalSpec.Data;
using LocalSpec.Nn.Safetensors;

namespace LocalSpec.Nn;

/// <summary>
/// One training job, the train stage of the pipeline: a network created from the seed's "init"
/// stream, trained on a data set, written as safetensors with a JSON sidecar recording the run.
/// The weights file holds nothing volatile (same seed → same bytes); timings go to the sidecar.
/// </summary>
public sealed class TrainingRun
{
    public const string SidecarFormat = "localspec.train/1";

    public TrainingRun(Dataset dataset, ArchitectureSpec architecture, TrainingOptions options, string architectureLabel)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(options);
        Dataset = dataset;
        Options = options;
        ArchitectureLabel = architectureLabel;
        Network = Network.Create(architecture, Trainer.InitRng(options.Seed));
        int outputs = Network.Layers[^1].OutputLength;
        if (outputs != dataset.Classes)
            throw new ArchitectureException($"the network has {outputs} outputs but {dataset.Name} has {dataset.Classes} classes");
    }

    public Dataset Dataset { get; }

    public TrainingOptions Options { get; }

    /// <summary>A preset name or the architecture file's name, for the record.</summary>
    public string ArchitectureLabel { get; }

    public Network Network { get; }

    public TrainingResult Train(IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var train = Dataset.Train;
        var test = Dataset.Test;
        return Trainer.Train(Network, train.Pixels, train.Labels, train.Count,
            test.Pixels, test.Labels, test.Count, Options, progress, cancellationToken);
    }

    /// <summary>The sidecar path for a weights file: <c>model.safetensors</c> → <c>model.json</c>.</summary>
    public static string SidecarPath(string weightsPath) => Path.ChangeExtension(weightsPath, ".json");

    /// <summary>Writes the weights (atomically) and then the sidecar; returns the sidecar's path.</summary>
    public string Save(string weightsPath, TrainingResult result, string blasDescription)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(weightsPath))!);
        ModelFile.Save(Network, weightsPath, new Dictionary<string, string>
        {
            ["localspec.dataset"] = Dataset.Name,
            ["localspec.seed"] = Options.Seed.ToString(CultureInfo.InvariantCulture),
        });
        string sidecar = SidecarPath(weightsPath);
        AtomicFile.Write(sidecar, System.Text.Encoding.UTF8.GetBytes(SidecarJson(weightsPath, result, blasDescription)));
        return sidecar;
    }

    private string SidecarJson(string weightsPath, TrainingResult result, string blasDescription)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", SidecarFormat);
            w.WriteString("weights", Path.GetFileName(weightsPath));
            w.WriteString("weights_sha256", Sha256Hex(weightsPath));
            w.WriteStartObject("dataset");
            w.WriteString("name", Dataset.Name);
            w.WriteString("source", Dataset.Source);
            w.WriteNumber("train", Dataset.Train.Count);
            w.WriteNumber("test", Dataset.Test.Count);
            if (Dataset.Seed is ulong ds) w.WriteNumber("seed", ds);
            w.WriteStartArray("files");
            foreach (var f in Dataset.Files)
            {
                w.WriteStartObject();
                w.WriteString("name", Path.GetFileName(f.Path));
                w.WriteNumber("bytes", f.Bytes);
                w.WriteString("sha256", f.Sha256);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteString("arch", ArchitectureLabel);
            w.WritePropertyName("architecture");
            using (var spec = JsonDocument.Parse(Network.Spec.ToJson())) spec.RootElement.WriteTo(w);
            w.WriteNumber("seed", Options.Seed);
            w.WriteNumber("epochs", Options.Epochs);
            w.WriteNumber("batch_size", Options.BatchSize);
            w.WriteNumber("lr", Options.Adam.LearningRate);
            w.WriteNumber("l2", Options.Adam.L2);
            w.WriteNumber("adam_epsilon", Options.Adam.Epsilon);
            if (result.FinalTestAccuracy is double acc) w.WriteNumber("test_accuracy", acc);
            w.WriteStartArray("history");
            foreach (var e in result.Epochs)
            {
                w.WriteStartObject();
                w.WriteNumber("epoch", e.Epoch);
                w.WriteNumber("train_loss", e.TrainLoss);
                w.WriteNumber("train_accuracy", e.TrainAccuracy);
                if (e.TestAccuracy is double t) w.WriteNumber("test_accuracy", t);
                w.WriteNumber("seconds", Math.Round(e.Seconds, 4));
                w.WriteNumber("examples_per_second", Math.Round(e.ExamplesPerSecond, 1));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteNumber("seconds_total", Math.Round(result.Epochs.Sum(e => e.Seconds), 4));
            w.WriteString("blas", blasDescription);
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static string Sha256Hex(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));
    }
}
