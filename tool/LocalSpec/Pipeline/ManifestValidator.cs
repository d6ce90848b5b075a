using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace LocalSpec.Pipeline;

/// <summary>A validated value and the node it came from: int, ulong, double, string, a mapping, or a list of these.</summary>
internal sealed record ParsedValue(object Value, YamlNode Node);

/// <summary>
/// Checks a YAML tree against <see cref="ManifestFields"/>: known fields, no duplicates, required
/// fields present, every value of the right shape, range, pattern and choice. Collects one
/// diagnostic per problem and carries on, so every problem of a file is reported at once.
/// Cross-field rules (files, models vs training) are <see cref="ManifestReader"/>'s.
/// </summary>
internal sealed partial class ManifestValidator(string path, List<PipelineDiagnostic> diagnostics)
{
    public Dictionary<ManifestField, ParsedValue> Values { get; } = [];

    /// <summary>The key node of every field written, also when its value is null or invalid.</summary>
    public Dictionary<ManifestField, YamlNode> Keys { get; } = [];

    /// <summary>Fields written with a non-null value, valid or not (a null value means "use the default").</summary>
    public HashSet<ManifestField> Written { get; } = [];

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex IntegerSyntax();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex NumberSyntax();

    public void ValidateRoot(YamlNode? root)
    {
        switch (root)
        {
            case null:
                foreach (ManifestField f in ManifestFields.Root.Fields.Where(f => f.Required))
                    Error(1, 1, DiagnosticCodes.MissingField, MissingMessage(f, "the file is empty"));
                break;
            case YamlMapping mapping:
                Section(ManifestFields.Root, mapping);
                break;
            default:
                Error(root, DiagnosticCodes.WrongType,
                    $"a manifest is a mapping of fields such as 'name: {ManifestFields.Name.Example}', got {root.Describe()}");
                break;
        }
    }

    private void Section(ManifestField section, YamlMapping mapping)
    {
        var written = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in mapping.Entries)
        {
            if (keyNode is not YamlScalar { IsNull: false } key)
            {
                Error(keyNode, DiagnosticCodes.WrongType, $"field names are plain words{In(section)}, got {keyNode.Describe()}");
                continue;
            }
            ManifestField? field = section.Find(key.Value);
            if (field is null)
            {
                Error(key, DiagnosticCodes.UnknownField,
                    $"unknown field '{key.Value}'{In(section)} (known: {string.Join(", ", section.Fields.Select(f => f.Name))})");
                continue;
            }
            if (written.TryGetValue(field.Name, out YamlNode? first))
            {
                Error(key, DiagnosticCodes.Duplicate,
                    $"duplicate field '{field.Name}'{In(section)} (first given on line {first.Line.ToString(CultureInfo.InvariantCulture)}); keep one");
                continue;
            }
            written[field.Name] = key;
            Keys[field] = key;
            if (valueNode is YamlScalar { IsNull: true })
            {
                // An empty value means "use the default", which a required field does not have.
                if (field.Required) Error(key, DiagnosticCodes.MissingField, MissingMessage(field, "its value is empty"));
                continue;
            }
            Written.Add(field);
            Value(field, valueNode);
        }
        foreach (ManifestField field in section.Fields.Where(f => f.Required && !written.ContainsKey(f.Name)))
            Error(mapping, DiagnosticCodes.MissingField, MissingMessage(field, null));
    }

    private void Value(ManifestField field, YamlNode node)
    {
        switch (field.Kind)
        {
            case ManifestFieldKind.Section when node is YamlMapping mapping:
                Values[field] = new ParsedValue(mapping, node);
                Section(field, mapping);
                break;
            case ManifestFieldKind.Section:
                Error(node, DiagnosticCodes.WrongType, $"'{field.Path}' must be a mapping such as {field.Example}, got {node.Describe()}");
                break;
            case ManifestFieldKind.List when node is YamlSequence sequence:
                if (List(field, sequence, field.ItemKind) is { } items) Values[field] = new ParsedValue(items, node);
                break;
            case ManifestFieldKind.List:
                Error(node, DiagnosticCodes.WrongType, $"'{field.Path}' must be a list such as {field.Example}, got {node.Describe()}");
                break;
            case ManifestFieldKind.IntegerOrList when node is YamlSequence sequence:
                if (List(field, sequence, ManifestFieldKind.Integer) is { } values) Values[field] = new ParsedValue(values, node);
                break;
            case ManifestFieldKind.IntegerOrList:
                if (Item(field, node, ManifestFieldKind.Integer, inList: false) is { } single)
                    Values[field] = new ParsedValue(new List<ParsedValue> { single }, node);
                break;
            default:
                if (Item(field, node, field.Kind, inList: false) is { } value) Values[field] = value;
                break;
        }
    }

    private List<ParsedValue>? List(ManifestField field, YamlSequence sequence, ManifestFieldKind itemKind)
    {
        var items = new List<ParsedValue>();
        bool valid = true;
        foreach (YamlNode node in sequence.Items)
        {
            ParsedValue? item = Item(field, node, itemKind, inList: true);
            if (item is null)
            {
                valid = false;
                continue;
            }
            if (field.UniqueItems && items.FirstOrDefault(i => i.Value.Equals(item.Value)) is { } earlier)
            {
                Error(node, DiagnosticCodes.Duplicate,
                    $"{Show(item.Value)} is listed twice in '{field.Path}' (first on line {earlier.Node.Line.ToString(CultureInfo.InvariantCulture)}); list each value once");
                valid = false;
                continue;
            }
            items.Add(item);
        }
        if (sequence.Items.Count < field.MinItems)
        {
            Error(sequence, DiagnosticCodes.OutOfRange, $"'{field.Path}' must list at least {field.MinItems.ToString(CultureInfo.InvariantCulture)} value, e.g. {field.Example}");
            valid = false;
        }
        return valid ? items : null;
    }

    /// <summary>One scalar of kind <paramref name="kind"/> with <paramref name="field"/>'s constraints, or null after reporting why not.</summary>
    private ParsedValue? Item(ManifestField field, YamlNode node, ManifestFieldKind kind, bool inList)
    {
        string what = inList ? $"each value in '{field.Path}'" : $"'{field.Path}'";
        if (node is not YamlScalar scalar || scalar.IsNull)
        {
            Error(node, DiagnosticCodes.WrongType, $"{what} must be {Expected(field, kind, inList)}, got {node.Describe()}");
            return null;
        }
        return kind switch
        {
            ManifestFieldKind.Integer or ManifestFieldKind.Seed => Integer(field, scalar, kind, what, inList),
            ManifestFieldKind.Number => Number(field, scalar, what),
            ManifestFieldKind.Choice => Choice(field, scalar),
            _ => Text(field, scalar, what),
        };
    }

    private ParsedValue? Integer(ManifestField field, YamlScalar scalar, ManifestFieldKind kind, string what, bool inList)
    {
        if (!scalar.IsPlain || !IntegerSyntax().IsMatch(scalar.Value))
        {
            string hint = !scalar.IsPlain && IntegerSyntax().IsMatch(scalar.Value) ? " (remove the quotes)" : "";
            Error(scalar, DiagnosticCodes.WrongType, $"{what} must be {Expected(field, kind, inList)}, got {scalar.Describe()}{hint}");
            return null;
        }
        var value = BigInteger.Parse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        BigInteger min = kind == ManifestFieldKind.Seed ? 0 : field.Minimum ?? int.MinValue;
        BigInteger max = kind == ManifestFieldKind.Seed ? ulong.MaxValue : int.MaxValue;
        if (value < min || value > max)
        {
            string bound = value < min ? $"at least {min}" : $"at most {max}";
            Error(scalar, DiagnosticCodes.OutOfRange, $"{what} must be {bound}, got {value}");
            return null;
        }
        return new ParsedValue(kind == ManifestFieldKind.Seed ? (object)(ulong)value : (int)value, scalar);
    }

    private ParsedValue? Number(ManifestField field, YamlScalar scalar, string what)
    {
        if (!scalar.IsPlain || !NumberSyntax().IsMatch(scalar.Value)
            || !double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            Error(scalar, DiagnosticCodes.WrongType, $"{what} must be {Expected(field, ManifestFieldKind.Number, false)}, got {scalar.Describe()}");
            return null;
        }
        if (field.ExclusiveMinimum is double min && !(value > min))
        {
            Error(scalar, DiagnosticCodes.OutOfRange, $"{what} must be greater than {min.ToString(CultureInfo.InvariantCulture)}, got {scalar.Value}");
            return null;
        }
        return new ParsedValue(value, scalar);
    }

    private ParsedValue? Choice(ManifestField field, YamlScalar scalar)
    {
        IReadOnlyList<string> choices = field.Choices ?? [];
        if (choices.Contains(scalar.Value)) return new ParsedValue(scalar.Value, scalar);
        string where = field.Path == field.ChoiceNoun ? "" : $" in '{field.Path}'";
        Error(scalar, field.UnknownChoiceCode, $"unknown {field.ChoiceNoun} '{scalar.Value}'{where} (known: {string.Join(", ", choices)})");
        return null;
    }

    private ParsedValue? Text(ManifestField field, YamlScalar scalar, string what)
    {
        if (field.Pattern is string pattern && !Regex.IsMatch(scalar.Value, pattern, RegexOptions.CultureInvariant))
        {
            Error(scalar, DiagnosticCodes.OutOfRange, $"{what} must use only {field.PatternText}, got {scalar.Describe()}");
            return null;
        }
        return new ParsedValue(scalar.Value, scalar);
    }

    private static string Expected(ManifestField field, ManifestFieldKind kind, bool inList)
    {
        string range = field.Minimum is long min ? $" >= {min.ToString(CultureInfo.InvariantCulture)}" : "";
        return kind switch
        {
            ManifestFieldKind.Integer when field.Kind == ManifestFieldKind.IntegerOrList && !inList
                => $"an integer{range} or a list of distinct ones such as [8, 12, 16]",
            ManifestFieldKind.Integer => $"an integer{range}",
            ManifestFieldKind.Seed => "a non-negative integer",
            ManifestFieldKind.Number => field.ExclusiveMinimum is double m
                ? $"a number > {m.ToString(CultureInfo.InvariantCulture)}" : "a number",
            ManifestFieldKind.Choice => $"one of: {string.Join(", ", field.Choices ?? [])}",
            _ => field.Example is null ? "text" : $"text such as {field.Example}",
        };
    }

    private static string MissingMessage(ManifestField field, string? why)
    {
        string section = field.Path.Contains('.') ? $" in '{field.Path[..field.Path.LastIndexOf('.')]}'" : "";
        string known = field.Choices is { } c ? $" (known: {string.Join(", ", c)})" : "";
        string reason = why is null ? "" : $" ({why})";
        return $"missing required field '{field.Name}'{section}{reason}; add e.g. '{field.Name}: {field.Example}'{known}";
    }

    private static string In(ManifestField section) => section.Path.Length == 0 ? "" : $" in '{section.Path}'";

    private static string Show(object value) => value switch
    {
        string s => $"'{s}'",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private void Error(YamlNode at, string code, string message) => Error(at.Line, at.Column, code, message);

    private void Error(int line, int column, string code, string message) =>
        diagnostics.Add(new PipelineDiagnostic(path, line, column, code, message));
}
