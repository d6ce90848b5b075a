using LocalSpec.Nn.Safetensors;

namespace LocalSpec.Nn;

/// <summary>
/// Networks as safetensors files with PyTorch names and layouts (ENGINE-CONTRACT.md), the
/// architecture spec in <c>__metadata__["localspec.arch"]</c>. A file without that metadata (for
/// example a PyTorch <c>state_dict</c>) loads when the caller supplies the architecture.
/// </summary>
public static class ModelFile
{
    public const string ArchitectureKey = "localspec.arch";

    /// <summary>
    /// Writes every parameter and buffer in store order, plus the architecture and
    /// <paramref name="metadata"/> (nothing volatile, so the same weights give the same bytes).
    /// Atomic; an unchanged file is not rewritten. Returns false when the file already held these bytes.
    /// </summary>
    public static bool Save(Network network, string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        if (metadata is not null)
            foreach (var (k, v) in metadata) meta[k] = v;
        meta[ArchitectureKey] = network.Spec.ToJson();
        var store = network.Parameters;
        var tensors = store.Views.Select(v => new NamedTensor(v.Name, v.Shape.ToArray(), store.Data.AsMemory(v.Offset, v.Length)));
        return SafetensorsWriter.Write(path, tensors, meta);
    }

    /// <summary>
    /// Reads a network. <paramref name="architecture"/> overrides the file's own spec and is required
    /// when the file has none. Throws <see cref="ModelFileException"/>, <see cref="SafetensorsFormatException"/>
    /// or <see cref="ArchitectureException"/> with one-line messages naming the file.
    /// </summary>
    public static Network Load(string path, ArchitectureSpec? architecture = null)
    {
        var file = SafetensorsFile.Read(path);
        ArchitectureSpec spec = architecture ?? SpecFromMetadata(file);
        var network = Network.Create(spec, new Numerics.Rng(0));
        Bind(file, network.Parameters);
        return network;
    }

    /// <summary>The architecture stored in the file, or null when it has none.</summary>
    public static ArchitectureSpec? ReadArchitecture(string path)
    {
        var file = SafetensorsFile.Read(path);
        return file.Metadata.ContainsKey(ArchitectureKey) ? SpecFromMetadata(file) : null;
    }

    private static ArchitectureSpec SpecFromMetadata(SafetensorsFile file)
    {
        if (!file.Metadata.TryGetValue(ArchitectureKey, out string? json))
            throw new ModelFileException(
                $"{file.SourceName}: no LocalSpec architecture in the file's metadata (a PyTorch state_dict?); " +
                "say which network it is with --arch (a preset such as mlp, or an architecture JSON file)");
        try
        {
            return ArchitectureSpec.Parse(json);
        }
        catch (ArchitectureException e)
        {
            throw new ModelFileException($"{file.SourceName}: __metadata__[\"{ArchitectureKey}\"]: {e.Message}", e);
        }
    }

    /// <summary>
    /// Copies the file's tensors into the store: by exact name when every name matches, otherwise
    /// by natural order of the name prefixes (PyTorch modules such as <c>0.weight</c>, <c>2.weight</c>)
    /// and by suffix within a prefix. Every shape is checked; <c>num_batches_tracked</c> is ignored.
    /// </summary>
    internal static void Bind(SafetensorsFile file, ParameterStore store)
    {
        var tensors = file.Tensors.Where(t => !t.Name.EndsWith(".num_batches_tracked", StringComparison.Ordinal) && t.Name != "num_batches_tracked").ToList();
        bool exact = tensors.Count == store.Views.Count && store.Views.All(v => file.TryGet(v.Name, out _));
        var pairs = exact
            ? store.Views.Select(v => (View: v, Tensor: file.Get(v.Name)))
            : PairByNaturalOrder(file.SourceName, tensors, store);
        foreach (var (view, tensor) in pairs)
        {
            if (!tensor.HasShape(view.Shape.ToArray()))
                throw new ModelFileException(
                    $"{file.SourceName}: tensor '{tensor.Name}' has shape {FormatShape(tensor.Shape)} but {view.Name} of the architecture needs {Tensor.Format(view.Shape.ToArray())}");
            tensor.CopyToFloat32(store.Span(view));
        }
    }

    private static List<(ParameterView View, SafetensorsTensor Tensor)> PairByNaturalOrder(
        string source, List<SafetensorsTensor> tensors, ParameterStore store)
    {
        var fileGroups = tensors
            .GroupBy(t => Prefix(t.Name), StringComparer.Ordinal)
            .OrderBy(g => g.Key, NaturalStringComparer.Instance)
            .ToList();
        var modelGroups = store.Views.GroupBy(v => v.LayerIndex).OrderBy(g => g.Key).ToList();
        if (fileGroups.Count != modelGroups.Count)
            throw new ModelFileException(
                $"{source}: the file has {fileGroups.Count} parameter groups ({Preview(fileGroups.Select(g => g.Key))}) " +
                $"but the architecture has {modelGroups.Count} parametrised layers (layers.0 … layers.{modelGroups.Count - 1})");
        var pairs = new List<(ParameterView, SafetensorsTensor)>(store.Views.Count);
        for (int i = 0; i < modelGroups.Count; i++)
        {
            var bySuffix = fileGroups[i].ToDictionary(t => Suffix(t.Name), StringComparer.Ordinal);
            var wanted = modelGroups[i].ToList();
            string want = string.Join(", ", wanted.Select(v => Suffix(v.Name)));
            string have = string.Join(", ", bySuffix.Keys.OrderBy(k => k, StringComparer.Ordinal));
            if (bySuffix.Count != wanted.Count || wanted.Any(v => !bySuffix.ContainsKey(Suffix(v.Name))))
                throw new ModelFileException(
                    $"{source}: group '{fileGroups[i].Key}' (matched to layers.{i}) has tensors {{{have}}} but layers.{i} needs {{{want}}}");
            foreach (var view in wanted) pairs.Add((view, bySuffix[Suffix(view.Name)]));
        }
        return pairs;
    }

    private static string Prefix(string name) => name.LastIndexOf('.') is int i and >= 0 ? name[..i] : "";

    private static string Suffix(string name) => name[(name.LastIndexOf('.') + 1)..];

    private static string FormatShape(IReadOnlyList<long> shape) => "[" + string.Join(", ", shape) + "]";

    private static string Preview(IEnumerable<string> names)
    {
        var list = names.Select(n => n.Length == 0 ? "(no prefix)" : n).ToList();
        return list.Count <= 6 ? string.Join(", ", list) : string.Join(", ", list.Take(6)) + $", … ({list.Count} in all)";
    }
}
