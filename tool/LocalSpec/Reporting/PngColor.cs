namespace LocalSpec.Reporting;

/// <summary>The PNG colour types LocalSpec writes (the value is the IHDR colour-type byte), 8 bits per sample.</summary>
public enum PngColor : byte
{
    /// <summary>One byte per pixel.</summary>
    Gray = 0,

    /// <summary>Three bytes per pixel: red, green, blue.</summary>
    Rgb = 2,
}
