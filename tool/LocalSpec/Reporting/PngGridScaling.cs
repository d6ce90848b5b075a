namespace LocalSpec.Reporting;

/// <summary>How <see cref="PngGrid"/> maps an image's float values to 8-bit intensities.</summary>
public enum PngGridScaling
{
    /// <summary>v in [0, 1] → round(255 v); values outside are clamped, NaN is 0 (images like sigmoid outputs or pixel data).</summary>
    Clamp,

    /// <summary>Each image's own [min, max] (over all its channels) → [0, 255]; a constant image is mid-gray (128).</summary>
    PerImage,
}
