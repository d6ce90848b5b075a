namespace LocalSpec.Data;

/// <summary>
/// A loaded data set: train and test images with the same shape and classes, and where they came
/// from. <see cref="Name"/> is the resolved name (a derived set names its base, e.g.
/// <c>halves-mnist10k</c>); <see cref="Source"/> and <see cref="Files"/> identify the exact bytes
/// used, so a pipeline can key its cache on them; <see cref="Seed"/> is set for derived sets.
/// </summary>
public sealed class Dataset
{
    public Dataset(string name, LabeledImages train, LabeledImages test, IReadOnlyList<string> classNames,
        string source, IReadOnlyList<DataFileHash> files, ulong? seed = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(classNames);
        if (train.Channels != test.Channels || train.Height != test.Height || train.Width != test.Width)
            throw new ArgumentException($"{name}: train and test images differ in shape");
        Name = name;
        Train = train;
        Test = test;
        ClassNames = classNames;
        Source = source;
        Files = files;
        Seed = seed;
    }

    public string Name { get; }
    public LabeledImages Train { get; }
    public LabeledImages Test { get; }

    /// <summary>The number of classes; labels are in [0, Classes).</summary>
    public int Classes => ClassNames.Count;

    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>One line saying how the data were obtained (package and version, or the folder imported from).</summary>
    public string Source { get; }

    /// <summary>The files read, with their SHA-256 (for derived sets: the base set's files).</summary>
    public IReadOnlyList<DataFileHash> Files { get; }

    /// <summary>The seed that fixed the random pairing of a derived set; null for stored sets.</summary>
    public ulong? Seed { get; }
}
