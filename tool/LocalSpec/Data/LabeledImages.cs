namespace LocalSpec.Data;

/// <summary>
/// N labelled images. <see cref="Pixels"/> has layout [N, C, H, W] row-major (channel-major like
/// PyTorch), values in [0, 1]; <see cref="Labels"/> has length N.
/// </summary>
public sealed class LabeledImages
{
    public LabeledImages(float[] pixels, int[] labels, int channels, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(labels);
        if (channels <= 0 || height <= 0 || width <= 0)
            throw new ArgumentOutOfRangeException(nameof(channels), $"image shape {channels}x{height}x{width} must be positive");
        long exampleSize = (long)channels * height * width;
        if ((long)labels.Length * exampleSize != pixels.LongLength)
            throw new ArgumentException(
                $"{pixels.LongLength} pixels do not hold {labels.Length} images of {channels}x{height}x{width}", nameof(pixels));
        Pixels = pixels;
        Labels = labels;
        Channels = channels;
        Height = height;
        Width = width;
    }

    /// <summary>[N, C, H, W] row-major, in [0, 1].</summary>
    public float[] Pixels { get; }

    /// <summary>[N] class indices.</summary>
    public int[] Labels { get; }

    public int Count => Labels.Length;
    public int Channels { get; }
    public int Height { get; }
    public int Width { get; }

    /// <summary>C·H·W: the number of floats per example.</summary>
    public int ExampleSize => Channels * Height * Width;

    /// <summary>Example <paramref name="index"/> as [C, H, W].</summary>
    public ReadOnlySpan<float> Image(int index)
    {
        if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index), $"{index} is not in [0, {Count})");
        return Pixels.AsSpan(index * ExampleSize, ExampleSize);
    }

    /// <summary>A copy holding the examples at <paramref name="indices"/>, in that order (repeats allowed).</summary>
    public LabeledImages Subset(ReadOnlySpan<int> indices)
    {
        int size = ExampleSize;
        var pixels = new float[(long)indices.Length * size];
        var labels = new int[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            int source = indices[i];
            if ((uint)source >= (uint)Count)
                throw new ArgumentOutOfRangeException(nameof(indices), $"index {source} is not in [0, {Count})");
            Array.Copy(Pixels, (long)source * size, pixels, (long)i * size, size);
            labels[i] = Labels[source];
        }
        return new LabeledImages(pixels, labels, Channels, Height, Width);
    }
}
