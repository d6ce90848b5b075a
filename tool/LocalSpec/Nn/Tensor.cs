namespace LocalSpec.Nn;

/// <summary>
/// A dense float32 tensor, row-major (C order), batch-first: <see cref="Shape"/>[0] is the batch
/// size N of every activation tensor ([N, F] or [N, C, H, W]). <see cref="Data"/> holds exactly
/// Π <see cref="Shape"/> elements.
/// </summary>
public sealed class Tensor
{
    public Tensor(float[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        long count = Count(shape);
        if (count != data.Length)
            throw new ArgumentException($"Shape {Format(shape)} needs {count} elements but the data has {data.Length}.", nameof(data));
        Data = data;
        Shape = shape;
    }

    public float[] Data { get; }

    public int[] Shape { get; }

    public int Rank => Shape.Length;

    public int Length => Data.Length;

    /// <summary>N, the leading dimension.</summary>
    public int BatchSize => Shape.Length == 0 ? 1 : Shape[0];

    /// <summary>Elements per example: Π Shape[1..].</summary>
    public int ExampleLength => Shape.Length == 0 || Shape[0] == 0 ? 0 : Data.Length / Shape[0];

    /// <summary>The per-example shape Shape[1..].</summary>
    public int[] ExampleShape => Shape.Length == 0 ? [] : Shape[1..];

    public static Tensor Zeros(params int[] shape) => new(new float[checked((int)Count(shape))], shape);

    /// <summary>Example <paramref name="n"/> of the batch (a view into <see cref="Data"/>).</summary>
    public Span<float> Example(int n) => Data.AsSpan(n * ExampleLength, ExampleLength);

    /// <summary>The same data under another shape with the same element count (no copy).</summary>
    public Tensor Reshape(params int[] shape) => new(Data, shape);

    public Tensor Clone() => new((float[])Data.Clone(), (int[])Shape.Clone());

    public static long Count(ReadOnlySpan<int> shape)
    {
        long count = 1;
        foreach (int d in shape)
        {
            if (d < 0) throw new ArgumentException($"Negative dimension in shape {Format(shape)}.");
            count *= d;
        }
        return count;
    }

    /// <summary>"[2, 3, 4]".</summary>
    public static string Format(ReadOnlySpan<int> shape) => "[" + string.Join(", ", shape.ToArray()) + "]";

    public override string ToString() => $"Tensor{Format(Shape)}";
}
