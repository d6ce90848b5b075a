using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace LocalSpec.Pipeline;

/// <summary>
/// Reads one YAML document into <see cref="YamlNode"/>s from YamlDotNet's parser events, keeping
/// every node's start mark (1-based). A syntax error becomes one <see cref="DiagnosticCodes.YamlSyntax"/>
/// diagnostic at the parser's mark, with a hint for the common causes.
/// </summary>
internal sealed class YamlNodeReader
{
    private readonly string _path;
    private readonly IParser _parser;
    private readonly Dictionary<string, YamlNode> _anchors = new(StringComparer.Ordinal);
    private readonly Stack<(YamlNode Node, char Open)> _openFlow = new();
    private Mark _lastEnd = Mark.Empty;

    private YamlNodeReader(string yaml, string path)
    {
        _path = path;
        _parser = new Parser(new StringReader(yaml));
    }

    /// <summary>The document's root node (null for an empty file), or the syntax error.</summary>
    public static YamlNode? Read(string yaml, string path, out PipelineDiagnostic? error)
    {
        var reader = new YamlNodeReader(yaml, path);
        error = null;
        try
        {
            return reader.ReadStream();
        }
        catch (SyntaxError e)
        {
            error = e.Diagnostic;
        }
        catch (YamlException e)
        {
            error = reader.Syntax(e.Start, e.Message);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 16.3's scanner throws this instead of a YamlException when a flow
            // collection is left open and a later line holds a plain scalar ("k: [8, 12" + newline + "name: x").
            error = reader._openFlow.TryPeek(out var open)
                ? new PipelineDiagnostic(path, open.Node.Line, open.Node.Column, DiagnosticCodes.YamlSyntax,
                    $"YAML syntax error: this '{open.Open}' is never closed (add the matching '{(open.Open == '[' ? ']' : '}')}')")
                : reader.Syntax(reader._lastEnd, "the YAML parser stopped here");
        }
        return null;
    }

    private YamlNode? ReadStream()
    {
        _parser.Consume<StreamStart>();
        YamlNode? root = null;
        if (_parser.TryConsume<DocumentStart>(out _))
        {
            root = _parser.Accept<DocumentEnd>(out _) ? null : ReadNode();
            _parser.Consume<DocumentEnd>();
        }
        if (_parser.Accept<DocumentStart>(out var second))
            throw new SyntaxError(Syntax(second.Start, "a manifest holds one YAML document; remove this second one (and its '---')"));
        _parser.Consume<StreamEnd>();
        return root;
    }

    private YamlNode ReadNode()
    {
        ParsingEvent current = _parser.Current ?? throw new InvalidOperationException("The YAML parser has no current event.");
        switch (current)
        {
            case AnchorAlias alias:
                _parser.MoveNext();
                _lastEnd = alias.End;
                return _anchors.TryGetValue(alias.Value.Value, out YamlNode? target)
                    ? target
                    : throw new SyntaxError(Syntax(alias.Start, $"unknown alias '*{alias.Value.Value}' (define '&{alias.Value.Value}' before it)"));
            case Scalar scalar:
                _parser.MoveNext();
                _lastEnd = scalar.End;
                var node = new YamlScalar((int)scalar.Start.Line, (int)scalar.Start.Column, scalar.Value, scalar.Style == ScalarStyle.Plain);
                Remember(scalar.Anchor, node);
                return node;
            case SequenceStart start:
                return ReadSequence(start);
            case MappingStart start:
                return ReadMapping(start);
            default:
                throw new SyntaxError(Syntax(current.Start, $"unexpected {current.GetType().Name}"));
        }
    }

    private YamlSequence ReadSequence(SequenceStart start)
    {
        _parser.MoveNext();
        var items = new List<YamlNode>();
        var node = new YamlSequence((int)start.Start.Line, (int)start.Start.Column, items);
        bool flow = start.Style == SequenceStyle.Flow;
        if (flow) _openFlow.Push((node, '['));
        while (!_parser.Accept<SequenceEnd>(out _)) items.Add(ReadNode());
        _lastEnd = _parser.Consume<SequenceEnd>().End;
        if (flow) _openFlow.Pop();
        Remember(start.Anchor, node);
        return node;
    }

    private YamlMapping ReadMapping(MappingStart start)
    {
        _parser.MoveNext();
        var entries = new List<KeyValuePair<YamlNode, YamlNode>>();
        var node = new YamlMapping((int)start.Start.Line, (int)start.Start.Column, entries);
        bool flow = start.Style == MappingStyle.Flow;
        if (flow) _openFlow.Push((node, '{'));
        while (!_parser.Accept<MappingEnd>(out _))
        {
            YamlNode key = ReadNode();
            entries.Add(new(key, ReadNode()));
        }
        _lastEnd = _parser.Consume<MappingEnd>().End;
        if (flow) _openFlow.Pop();
        Remember(start.Anchor, node);
        return node;
    }

    private void Remember(AnchorName anchor, YamlNode node)
    {
        if (!anchor.IsEmpty) _anchors[anchor.Value] = node;
    }

    private PipelineDiagnostic Syntax(Mark at, string parserMessage)
    {
        string message = parserMessage.TrimEnd('.');
        if (message.Length > 0) message = char.ToLowerInvariant(message[0]) + message[1..];
        return new PipelineDiagnostic(_path, Math.Max(1, (int)at.Line), Math.Max(1, (int)at.Column), DiagnosticCodes.YamlSyntax,
            $"YAML syntax error: {message}{Hint(message)}");
    }

    /// <summary>What usually causes YamlDotNet's messages, said the way a user fixes it.</summary>
    private static string Hint(string message) => message switch
    {
        _ when message.Contains("did not find expected ',' or ']'", StringComparison.Ordinal) => " (is a '[' left unclosed?)",
        _ when message.Contains("did not find expected ',' or '}'", StringComparison.Ordinal) => " (is a '{' left unclosed?)",
        _ when message.Contains("did not find expected key", StringComparison.Ordinal) => " (check this line's indentation: fields of one section line up)",
        _ when message.Contains("found invalid mapping", StringComparison.Ordinal) =>
            " (a value cannot hold 'key: value' on the same line; indent nested fields on their own lines or quote the value)",
        _ when message.Contains("found unexpected end of stream", StringComparison.Ordinal) => " (is a quote left unclosed?)",
        _ => "",
    };

    /// <summary>A syntax problem this reader finds itself (aliases, a second document), already located.</summary>
    private sealed class SyntaxError(PipelineDiagnostic diagnostic) : Exception(diagnostic.Message)
    {
        public PipelineDiagnostic Diagnostic { get; } = diagnostic;
    }
}
