namespace LocalSpec.Nn;

/// <summary>
/// Parallel loops over independent items (examples, channels, planes): every item is computed by
/// one thread in a fixed order, so results never depend on scheduling.
/// </summary>
internal static class Parallelism
{
    /// <summary>Below this much total work (≈ element operations) a loop runs on the calling thread.</summary>
    private const long SequentialWork = 1 << 15;

    [ThreadStatic] private static bool t_serial;

    public static void For(int count, long workPerItem, Action<int> body)
    {
        if (t_serial || count <= 1 || count * workPerItem < SequentialWork)
        {
            for (int i = 0; i < count; i++) body(i);
            return;
        }
        Parallel.For(0, count, body);
    }

    /// <summary>Every loop of the calling thread runs on that thread until the scope is disposed (one worker of several).</summary>
    public static SerialScope Serial()
    {
        bool previous = t_serial;
        t_serial = true;
        return new SerialScope(previous);
    }

    internal readonly struct SerialScope(bool previous) : IDisposable
    {
        public void Dispose() => t_serial = previous;
    }
}
