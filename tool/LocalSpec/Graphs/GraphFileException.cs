namespace LocalSpec.Graphs;

/// <summary>
/// A graph file (graph.safetensors or its graph.json) is missing, malformed, or disagrees with its
/// partner. The message is one line, <c>"{file}: {problem}"</c>, fit to show a user.
/// </summary>
public sealed class GraphFileException : Exception
{
    public GraphFileException(string path, string problem)
        : base($"{path}: {problem}")
    {
        Path = path;
        Problem = problem;
    }

    public GraphFileException(string path, string problem, Exception inner)
        : base($"{path}: {problem}", inner)
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>The file at fault.</summary>
    public string Path { get; }

    /// <summary>The message without the file prefix.</summary>
    public string Problem { get; }
}
