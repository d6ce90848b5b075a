namespace LocalSpec.Pipeline;

/// <summary>
/// A YAML node with the 1-based line and column where it starts, as read by
/// <see cref="YamlNodeReader"/>: the manifest reader validates these instead of YamlDotNet's
/// representation model so that duplicate keys and every other error can be reported together.
/// </summary>
internal abstract class YamlNode(int line, int column)
{
    public int Line { get; } = line;

    public int Column { get; } = column;

    /// <summary>How the node reads in a message: <c>'text'</c>, <c>a list</c>, <c>a mapping</c>.</summary>
    public abstract string Describe();
}

/// <summary>A scalar; <see cref="IsPlain"/> when unquoted (only plain scalars are numbers or null).</summary>
internal sealed class YamlScalar(int line, int column, string value, bool isPlain) : YamlNode(line, column)
{
    public string Value { get; } = value;

    public bool IsPlain { get; } = isPlain;

    /// <summary>YAML 1.2 core schema null: an empty plain scalar, <c>~</c> or <c>null</c>.</summary>
    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";

    /// <summary>Plain text in single quotes as elsewhere in messages; quoted text in double quotes, to show it was quoted.</summary>
    public override string Describe() => IsNull ? "nothing (null)" : IsPlain ? $"'{Value}'" : $"\"{Value}\"";
}

internal sealed class YamlSequence(int line, int column, IReadOnlyList<YamlNode> items) : YamlNode(line, column)
{
    public IReadOnlyList<YamlNode> Items { get; } = items;

    public override string Describe() => "a list";
}

/// <summary>A mapping with its entries in document order; duplicate keys are kept (the validator reports them).</summary>
internal sealed class YamlMapping(int line, int column, IReadOnlyList<KeyValuePair<YamlNode, YamlNode>> entries) : YamlNode(line, column)
{
    public IReadOnlyList<KeyValuePair<YamlNode, YamlNode>> Entries { get; } = entries;

    public override string Describe() => "a mapping";
}
