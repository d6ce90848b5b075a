namespace LocalSpec.Nn;

/// <summary>
/// An architecture spec that cannot be used. The message is one line naming the field, e.g.
/// "arch.layers[3].kernel: must be an odd positive integer (got 4)".
/// </summary>
public sealed class ArchitectureException : Exception
{
    public ArchitectureException(string message) : base(message) { }

    public ArchitectureException(string message, Exception inner) : base(message, inner) { }
}
