namespace LocalSpec.Measures;

/// <summary>
/// A problem the user can fix: a measurements file that cannot be read, measurements that do not
/// combine (replicates with different proxies), or a partition that does not fit the network.
/// The message is one line that names the file or input and the field.
/// </summary>
public sealed class MeasurementException : Exception
{
    public MeasurementException(string message) : base(message) { }

    public MeasurementException(string message, Exception inner) : base(message, inner) { }
}
