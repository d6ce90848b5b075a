namespace LocalSpec.Partitioning;

/// <summary>
/// A problem the user can fix: a graph that cannot be clustered (negative, non-finite or
/// asymmetric weights) or a partition file that cannot be read. The message is one line that
/// names the file or graph and the field.
/// </summary>
public sealed class PartitionException : Exception
{
    public PartitionException(string message) : base(message) { }

    public PartitionException(string message, Exception inner) : base(message, inner) { }
}
