using System.Formats.Tar;
using System.IO.Compression;

namespace LocalSpec.Data;

/// <summary>
/// <c>cifar10</c>: the CIFAR-10 binary version, imported with <c>--from DIR</c> where DIR holds
/// <c>data_batch_1.bin</c> … <c>data_batch_5.bin</c> and <c>test_batch.bin</c> (directly or in
/// <c>cifar-10-batches-bin/</c>), or the archive <c>cifar-10-binary.tar.gz</c>. Each batch must be
/// exactly 10,000 records with labels 0…9. Train = batches 1…5 in order, test = test_batch.
/// </summary>
internal sealed class Cifar10Source : IDataSource
{
    private const string Archive = "cifar-10-binary.tar.gz";
    private const string ArchiveFolder = "cifar-10-batches-bin";
    private const int RecordsPerBatch = 10000;
    private static readonly string[] TrainBatches = [.. Enumerable.Range(1, 5).Select(i => $"data_batch_{i}.bin")];
    private const string TestBatch = "test_batch.bin";
    private static readonly string[] AllBatches = [.. TrainBatches, TestBatch];

    public DatasetInfo Info { get; } = new(
        "cifar10", "CIFAR-10 binary batches, 50,000/10,000 32x32 colour (supplied by the user)",
        DataAcquisition.UserSupplied, 3, 32, 32, 50000, 10000, ClassNames.Cifar10);

    public DataManifest Produce(string folder, FetchRequest request)
    {
        string directory = ImportFolder.RequireDirectory(request.FromDirectory, Info.Name);
        string? batchFolder = new[] { directory, Path.Combine(directory, ArchiveFolder) }
            .FirstOrDefault(d => AllBatches.All(b => File.Exists(Path.Combine(d, b))));
        if (batchFolder is not null)
        {
            foreach (string batch in AllBatches)
                ImportFolder.CopyInto(Path.Combine(batchFolder, batch), folder, batch);
        }
        else if (ImportFolder.FindFirst(directory, [Archive]) is string archive)
        {
            request.Log?.Invoke($"extracting {archive}");
            Extract(archive, folder);
        }
        else
        {
            throw new DataException(
                $"{directory}: found neither the CIFAR-10 binary batches ({string.Join(", ", AllBatches)}, also looked in {ArchiveFolder}/) nor {Archive}");
        }
        foreach (string batch in AllBatches)
        {
            CheckSize(Path.Combine(folder, batch));
            CifarBinaryReader.CountRecords(Path.Combine(folder, batch));
        }
        return new DataManifest
        {
            Name = Info.Name,
            Source = $"CIFAR-10 binary batches imported from {directory}",
            TrainCount = Info.TrainCount,
            TestCount = Info.TestCount,
            Files = AllBatches.Select(b => FileHashing.Describe(folder, b)).ToArray(),
        };
    }

    public (LabeledImages Train, LabeledImages Test) Load(string folder, DataManifest manifest)
    {
        foreach (string batch in AllBatches)
            CheckSize(Path.Combine(folder, batch));
        LabeledImages train = CifarBinaryReader.Read([.. TrainBatches.Select(b => Path.Combine(folder, b))]);
        LabeledImages test = CifarBinaryReader.Read([Path.Combine(folder, TestBatch)]);
        return (train, test);
    }

    private static void CheckSize(string path)
    {
        long expected = (long)RecordsPerBatch * CifarBinaryReader.RecordBytes;
        long actual = new FileInfo(path).Length;
        if (actual != expected)
            throw new DataException($"{path}: {actual} bytes, but a CIFAR-10 batch is {RecordsPerBatch} records of {CifarBinaryReader.RecordBytes} bytes ({expected})");
    }

    private static void Extract(string archive, string folder)
    {
        var wanted = AllBatches.ToHashSet();
        try
        {
            using var file = File.OpenRead(archive);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var tar = new TarReader(gzip);
            while (tar.GetNextEntry() is TarEntry entry)
            {
                string name = Path.GetFileName(entry.Name);
                if (entry.DataStream is null || entry.Name != $"{ArchiveFolder}/{name}" || !wanted.Remove(name)) continue;
                using var output = File.Create(Path.Combine(folder, name));
                entry.DataStream.CopyTo(output);
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new DataException($"{archive}: corrupt archive ({e.Message})", e);
        }
        if (wanted.Count > 0)
            throw new DataException($"{archive}: {ArchiveFolder}/{wanted.Order(StringComparer.Ordinal).First()} is missing from the archive");
    }
}
