namespace LocalSpec.Stats;

/// <summary>A stats.json that cannot be read; the message is one line naming the file and the field.</summary>
public sealed class StatsFormatException : Exception
{
    public StatsFormatException(string message) : base(message) { }

    public StatsFormatException(string message, Exception inner) : base(message, inner) { }
}
