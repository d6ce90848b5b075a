namespace LocalSpec.Reporting;

/// <summary>
/// An 8-bit image to be written as PNG: <see cref="Pixels"/> row-major, top row first, with
/// <see cref="Channels"/> interleaved samples per pixel ([H, W] or [H, W, 3]).
/// </summary>
public sealed class PngImage
{
    public PngImage(int width, int height, PngColor color, byte[] pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        if (width < 1 || height < 1) throw new ArgumentException($"A PNG image needs a positive size, got {width}×{height}.");
        if (color is not (PngColor.Gray or PngColor.Rgb)) throw new ArgumentException($"Unsupported PNG colour type {color}.", nameof(color));
        int channels = color == PngColor.Rgb ? 3 : 1;
        if (pixels.Length != (long)width * height * channels)
            throw new ArgumentException($"A {width}×{height} {color} image needs {(long)width * height * channels} bytes, got {pixels.Length}.", nameof(pixels));
        (Width, Height, Color, Pixels) = (width, height, color, pixels);
    }

    public int Width { get; }

    public int Height { get; }

    public PngColor Color { get; }

    public byte[] Pixels { get; }

    /// <summary>Samples per pixel: 1 (gray) or 3 (RGB).</summary>
    public int Channels => Color == PngColor.Rgb ? 3 : 1;
}
