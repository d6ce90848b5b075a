namespace LocalSpec.Nn;

/// <summary>A weights file that does not fit the architecture it is loaded with; the message names the file and the tensor.</summary>
public sealed class ModelFileException : Exception
{
    public ModelFileException(string message) : base(message) { }

    public ModelFileException(string message, Exception inner) : base(message, inner) { }
}
