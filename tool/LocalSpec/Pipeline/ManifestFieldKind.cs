namespace LocalSpec.Pipeline;

/// <summary>The YAML shape of a <see cref="ManifestField"/>; each maps to one JSON Schema shape.</summary>
public enum ManifestFieldKind
{
    /// <summary>A mapping of sub-fields (<see cref="ManifestField.Fields"/>).</summary>
    Section,

    /// <summary>An integer ≥ <see cref="ManifestField.Minimum"/> that fits an int.</summary>
    Integer,

    /// <summary>A non-negative 64-bit integer seed.</summary>
    Seed,

    /// <summary>A finite number &gt; <see cref="ManifestField.ExclusiveMinimum"/>.</summary>
    Number,

    /// <summary>Text, matching <see cref="ManifestField.Pattern"/> when there is one.</summary>
    Text,

    /// <summary>One of <see cref="ManifestField.Choices"/>.</summary>
    Choice,

    /// <summary>A list of <see cref="ManifestField.ItemKind"/> values (Text, Choice or Integer) with the field's constraints.</summary>
    List,

    /// <summary>An integer, or a list of distinct integers (<c>k</c>).</summary>
    IntegerOrList,
}
