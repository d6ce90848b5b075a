namespace LocalSpec.Data;

/// <summary>
/// A problem with data the user can fix: a missing or corrupt file, a failed fetch, an unknown
/// data set name. The message is one line that names the file or set and says what to do.
/// </summary>
public sealed class DataException : Exception
{
    public DataException(string message) : base(message) { }

    public DataException(string message, Exception inner) : base(message, inner) { }
}
