namespace LocalSpec.Reporting;

/// <summary>Layout of a <see cref="PngGrid"/>; sizes are in output pixels except <see cref="Scale"/>.</summary>
public sealed record PngGridOptions
{
    /// <summary>Each image pixel becomes a Scale × Scale block (nearest neighbour); ≥ 1.</summary>
    public int Scale { get; init; } = 4;

    /// <summary>Width of the lines between cells (rows and columns); ≥ 0.</summary>
    public int Separator { get; init; } = 2;

    /// <summary>Intensity of the separators and of empty cells (white).</summary>
    public byte SeparatorValue { get; init; } = 255;

    /// <summary>Width of the line between the channel panels of one cell (images with C ∉ {1, 3}); ≥ 0.</summary>
    public int ChannelSeparator { get; init; } = 1;

    /// <summary>Intensity of the line between channel panels (mid-gray, to tell it from the cell separators).</summary>
    public byte ChannelSeparatorValue { get; init; } = 128;

    public PngGridScaling Scaling { get; init; } = PngGridScaling.Clamp;

    internal void Validate()
    {
        if (Scale < 1) throw new ArgumentException($"Grid scale must be ≥ 1 (got {Scale}).");
        if (Separator < 0) throw new ArgumentException($"Grid separator must be ≥ 0 pixels (got {Separator}).");
        if (ChannelSeparator < 0) throw new ArgumentException($"Grid channel separator must be ≥ 0 pixels (got {ChannelSeparator}).");
    }
}
