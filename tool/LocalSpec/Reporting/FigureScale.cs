namespace LocalSpec.Reporting;

/// <summary>Axis ticks and the colour scale shared by the SVG figures.</summary>
internal static class FigureScale
{
    /// <summary>The smallest of 1, 2, 5 × 10^n that is ≥ <paramref name="raw"/> (raw &gt; 0).</summary>
    public static double NiceStep(double raw)
    {
        if (!(raw > 0)) return 1;
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        foreach (double m in (ReadOnlySpan<double>)[1, 2, 5, 10])
            if (m * magnitude >= raw * (1 - 1e-12)) return m * magnitude;
        return 10 * magnitude;
    }

    /// <summary>An axis maximum that is a whole number of nice steps, about <paramref name="ticks"/> of them.</summary>
    public static (double Max, double Step) NiceAxis(double max, int ticks = 4, double minStep = 0)
    {
        double step = Math.Max(NiceStep(Math.Max(max, 1e-12) / ticks), minStep);
        return (Math.Max(step, Math.Ceiling(max / step - 1e-9) * step), step);
    }

    // ColorBrewer "Blues" (9 classes), light to dark.
    private static readonly (int R, int G, int B)[] Blues =
    [
        (0xf7, 0xfb, 0xff), (0xde, 0xeb, 0xf7), (0xc6, 0xdb, 0xef), (0x9e, 0xca, 0xe1), (0x6b, 0xae, 0xd6),
        (0x42, 0x92, 0xc6), (0x21, 0x71, 0xb5), (0x08, 0x51, 0x9c), (0x08, 0x30, 0x6b),
    ];

    public static int PaletteStops => Blues.Length;

    /// <summary>The sequential colour at t ∈ [0, 1] (clamped), linear in RGB between the palette's stops.</summary>
    public static string Color(double t)
    {
        t = double.IsNaN(t) ? 0 : Math.Clamp(t, 0, 1);
        double x = t * (Blues.Length - 1);
        int i = Math.Min((int)Math.Floor(x), Blues.Length - 2);
        double f = x - i;
        int Mix(int a, int b) => (int)Math.Round(a + (b - a) * f, MidpointRounding.AwayFromZero);
        return $"#{Mix(Blues[i].R, Blues[i + 1].R):x2}{Mix(Blues[i].G, Blues[i + 1].G):x2}{Mix(Blues[i].B, Blues[i + 1].B):x2}";
    }

    /// <summary>Text on a cell of colour t: white on the dark half of the palette.</summary>
    public static string TextOn(double t) => t > 0.55 ? "#ffffff" : "#000000";
}
