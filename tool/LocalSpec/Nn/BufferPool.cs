namespace LocalSpec.Nn;

/// <summary>
/// Exact-length arrays recycled across passes (activations, im2col chunks, masks), so that training
/// does not allocate per batch. Thread-safe; a rented array holds stale values until written.
/// </summary>
internal sealed class BufferPool
{
    private const int MaxPerLength = 8;
    private readonly Dictionary<int, Stack<float[]>> _floats = [];
    private readonly Dictionary<int, Stack<int[]>> _ints = [];
    private readonly Lock _lock = new();

    public float[] Floats(int length) => Rent(_floats, length);

    public int[] Ints(int length) => Rent(_ints, length);

    public void Return(float[]? array) => Put(_floats, array);

    public void Return(int[]? array) => Put(_ints, array);

    /// <summary>Drops every recycled array (they are garbage once no pass holds them).</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _floats.Clear();
            _ints.Clear();
        }
    }

    private T[] Rent<T>(Dictionary<int, Stack<T[]>> pool, int length)
    {
        lock (_lock)
        {
            if (pool.TryGetValue(length, out var stack) && stack.Count > 0) return stack.Pop();
        }
        return new T[length];
    }

    private void Put<T>(Dictionary<int, Stack<T[]>> pool, T[]? array)
    {
        if (array is null || array.Length == 0) return;
        lock (_lock)
        {
            if (!pool.TryGetValue(array.Length, out var stack)) pool[array.Length] = stack = new Stack<T[]>();
            if (stack.Count < MaxPerLength) stack.Push(array);
        }
    }
}
