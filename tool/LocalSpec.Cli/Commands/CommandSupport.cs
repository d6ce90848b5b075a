using System.Reflection;
using LocalSpec.Data;
using LocalSpec.Nn;
using LocalSpec.Numerics;

namespace LocalSpec.Cli.Commands;

/// <summary>What several verbs share: the start-up banner, data-set loading, architecture lookup.</summary>
internal static class CommandSupport
{
    public static string Version =>
        typeof(CommandSupport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";

    /// <summary>One line on stderr naming the BLAS provider and kernel in use: never chosen silently.</summary>
    public static void Banner(TextWriter error) =>
        error.WriteLine($"localspec {Version} · BLAS: {Blas.Current.Description}");

    /// <summary>Loads (fetching when missing and fetchable) the named data set, logging to stderr.</summary>
    public static Dataset LoadDataset(string name, TextWriter error, ulong seed = 0) =>
        DatasetCatalog.Load(name, DataStore.FromEnvironment(), new DataLoadOptions
        {
            Seed = seed,
            Log = line => error.WriteLine($"localspec: {line}"),
        });

    /// <summary>
    /// <paramref name="arch"/> is a preset name (sized for the data set's images and classes) or
    /// the path of an architecture JSON file.
    /// </summary>
    public static ArchitectureSpec ResolveArchitecture(string arch, Dataset dataset)
    {
        if (Presets.Names.Contains(arch))
        {
            var images = dataset.Train;
            return Presets.Create(arch, [images.Channels, images.Height, images.Width], dataset.Classes);
        }
        if (File.Exists(arch))
        {
            try
            {
                return ArchitectureSpec.Parse(File.ReadAllText(arch));
            }
            catch (ArchitectureException e)
            {
                throw new ArchitectureException($"{arch}: {e.Message}", e);
            }
        }
        throw new ArchitectureException(
            $"--arch {arch}: neither a preset ({string.Join(", ", Presets.Names)}) nor an architecture JSON file");
    }

    /// <summary>Checks that a network takes the data set's images and predicts its classes.</summary>
    public static void CheckFits(Network network, Dataset dataset, string what)
    {
        var images = dataset.Train;
        int[] want = [images.Channels, images.Height, images.Width];
        int outputs = network.Layers[^1].OutputLength;
        if (!network.InputShape.SequenceEqual(want))
            throw new ModelFileException($"{what} takes inputs of shape {Tensor.Format(network.InputShape.ToArray())} but {dataset.Name} has images of shape {Tensor.Format(want)}");
        if (outputs != dataset.Classes)
            throw new ModelFileException($"{what} has {outputs} outputs but {dataset.Name} has {dataset.Classes} classes");
    }
}
