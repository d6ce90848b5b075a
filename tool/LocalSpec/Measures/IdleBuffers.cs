using System.Collections.Concurrent;

namespace LocalSpec.Measures;

/// <summary>
/// Working buffers that parallel lesion batches hand back for later batches and later calls: fresh
/// multi-megabyte arrays cost a page fault per page on first touch (the kernel zeroing it), which
/// was a tenth of the cnn's lesion time. Thread-safe.
/// </summary>
internal sealed class IdleBuffers<T>
{
    private readonly ConcurrentBag<T> _idle = [];

    /// <summary>An idle item that <paramref name="fits"/>, else a new one from <paramref name="create"/>.</summary>
    public T Take(Func<T, bool> fits, Func<T> create)
    {
        var skipped = new List<T>();
        try
        {
            while (_idle.TryTake(out var item))
            {
                if (fits(item)) return item;
                skipped.Add(item);
            }
            return create();
        }
        finally
        {
            foreach (var item in skipped) _idle.Add(item);
        }
    }

    public void Return(T item) => _idle.Add(item);
}
