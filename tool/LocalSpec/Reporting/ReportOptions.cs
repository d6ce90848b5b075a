using LocalSpec.Stats;

namespace LocalSpec.Reporting;

/// <summary>Where a report goes and what it is made from.</summary>
/// <param name="OutputDirectory">The report directory (created when missing).</param>
public sealed record ReportOptions(string OutputDirectory)
{
    /// <summary>
    /// The Handlebars templates (<c>&lt;table&gt;.md.hbs</c>, <c>&lt;table&gt;.tex.hbs</c>); a template missing
    /// there (or a null or missing directory) is taken from the copy embedded in the assembly.
    /// </summary>
    public string? TemplatesDirectory { get; init; }

    /// <summary>The paper's published values (CSV as reports/reference); null uses the embedded copy.</summary>
    public string? ReferenceCsvPath { get; init; }

    /// <summary>The false discovery rate of the Benjamini–Hochberg procedure over all cells.</summary>
    public double Alpha { get; init; } = BenjaminiHochberg.DefaultAlpha;

    /// <summary>Bins of the percentile histograms over [0, 1]; 10 and 20 align with the 20 centred percentiles of 19 random controls.</summary>
    public int HistogramBins { get; init; } = 10;

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(OutputDirectory))
            throw new ArgumentException("the report needs an output directory", nameof(OutputDirectory));
        if (!(Alpha > 0 && Alpha < 1))
            throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "alpha must be in (0, 1)");
        if (HistogramBins < 1 || HistogramBins > 200)
            throw new ArgumentOutOfRangeException(nameof(HistogramBins), HistogramBins, "histogram bins must be in 1..200");
    }
}
