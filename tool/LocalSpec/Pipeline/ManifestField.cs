namespace LocalSpec.Pipeline;

/// <summary>
/// One field of the manifest format: its name, shape, constraints, default and meaning. The table
/// of these (<see cref="ManifestFields"/>) is the single source from which the reader validates,
/// <see cref="ManifestSchema"/> writes the JSON Schema and <see cref="ManifestDocs"/> the reference,
/// so the three cannot drift apart.
/// </summary>
public sealed class ManifestField
{
    internal ManifestField(string name, ManifestFieldKind kind, string description)
    {
        Name = name;
        Kind = kind;
        Description = description;
        Path = name;
    }

    /// <summary>The YAML key.</summary>
    public string Name { get; }

    /// <summary>Dotted path from the root, e.g. <c>measures.featvis.lr</c>.</summary>
    public string Path { get; private set; }

    public ManifestFieldKind Kind { get; }

    /// <summary>What the field means, one or two sentences (Markdown with backticks allowed).</summary>
    public string Description { get; }

    public bool Required { get; init; }

    /// <summary>The default as a JSON-representable value (int, ulong, double, string, string[], int[]); null when none or not constant.</summary>
    public object? Default { get; init; }

    /// <summary>The default in words when it is not a constant (e.g. "the name", "the preset's").</summary>
    public string? DefaultText { get; init; }

    /// <summary>Least value of an Integer, of each item of an integer List, or of IntegerOrList.</summary>
    public long? Minimum { get; init; }

    /// <summary>A Number must be greater than this.</summary>
    public double? ExclusiveMinimum { get; init; }

    /// <summary>The allowed values of a Choice (or of each item of a Choice list).</summary>
    public IReadOnlyList<string>? Choices { get; init; }

    /// <summary>What one choice is called in messages: "dataset", "proxy", "graph kind", …</summary>
    public string ChoiceNoun { get; init; } = "value";

    /// <summary>The code for a value not among <see cref="Choices"/>.</summary>
    public string UnknownChoiceCode { get; init; } = DiagnosticCodes.UnknownName;

    /// <summary>Regular expression a Text value (or each Text item) must match.</summary>
    public string? Pattern { get; init; }

    /// <summary>The pattern in words, for messages.</summary>
    public string? PatternText { get; init; }

    /// <summary>Item shape of a List: Text, Choice or Integer.</summary>
    public ManifestFieldKind ItemKind { get; init; } = ManifestFieldKind.Text;

    /// <summary>Fewest items of a List or IntegerOrList.</summary>
    public int MinItems { get; init; }

    /// <summary>List items must be distinct (a repeat is <see cref="DiagnosticCodes.Duplicate"/>).</summary>
    public bool UniqueItems { get; init; }

    /// <summary>A short YAML example of the value, used in wrong-type messages.</summary>
    public string? Example { get; init; }

    /// <summary>The sub-fields of a Section, in documentation order.</summary>
    public IReadOnlyList<ManifestField> Fields { get; internal init; } = [];

    /// <summary>The sub-field named <paramref name="name"/>, or null.</summary>
    public ManifestField? Find(string name) => Fields.FirstOrDefault(f => f.Name == name);

    /// <summary>This field and every field below it, depth first in documentation order.</summary>
    public IEnumerable<ManifestField> DescendantsAndSelf()
    {
        yield return this;
        foreach (ManifestField child in Fields)
            foreach (ManifestField f in child.DescendantsAndSelf())
                yield return f;
    }

    /// <summary>The root section holding <paramref name="fields"/>; sets every field's <see cref="Path"/>.</summary>
    internal static ManifestField Root(string description, params ManifestField[] fields)
    {
        var root = new ManifestField("", ManifestFieldKind.Section, description) { Fields = fields };
        root.SetPaths("");
        return root;
    }

    private void SetPaths(string prefix)
    {
        foreach (ManifestField f in Fields)
        {
            f.Path = prefix.Length == 0 ? f.Name : $"{prefix}.{f.Name}";
            f.SetPaths(f.Path);
        }
    }

    public override string ToString() => Path;
}
