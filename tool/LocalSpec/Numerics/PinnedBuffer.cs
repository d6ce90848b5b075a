using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LocalSpec.Numerics;

/// <summary>
/// A float buffer on the pinned object heap with a 64-byte aligned start (one cache line, one
/// zmm load), reused per thread so steady-state GEMM calls allocate nothing.
/// </summary>
internal sealed unsafe class PinnedBuffer
{
    private const int Alignment = 64;

    [ThreadStatic] private static PinnedBuffer? t_panelA;
    [ThreadStatic] private static PinnedBuffer? t_panelB;

    private readonly float[] _array;

    private PinnedBuffer(int length)
    {
        _array = GC.AllocateUninitializedArray<float>(length + Alignment / sizeof(float), pinned: true);
        var start = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_array));
        Pointer = (float*)((start + Alignment - 1) & ~(nint)(Alignment - 1));
        Length = length;
    }

    public float* Pointer { get; }

    public int Length { get; }

    /// <summary>Takes this thread's buffer for packed A (a nested caller simply gets a fresh one).</summary>
    public static PinnedBuffer TakeA(int length) => Take(ref t_panelA, length);

    public static void ReturnA(PinnedBuffer buffer) => t_panelA = buffer;

    /// <summary>Takes this thread's buffer for packed B.</summary>
    public static PinnedBuffer TakeB(int length) => Take(ref t_panelB, length);

    public static void ReturnB(PinnedBuffer buffer) => t_panelB = buffer;

    private static PinnedBuffer Take(ref PinnedBuffer? slot, int length)
    {
        PinnedBuffer? buffer = slot;
        slot = null;
        return buffer is not null && buffer.Length >= length ? buffer : new PinnedBuffer(length);
    }
}
