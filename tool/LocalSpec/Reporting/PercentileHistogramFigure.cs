using System.Globalization;
using LocalSpec.Stats;

namespace LocalSpec.Reporting;

/// <summary>
/// The paper's Figure 2: for one network (pooled over its replicates) and one proxy, a histogram
/// per partitioning of the true subclusters' centred percentiles p′ over [0, 1], with the count a
/// uniform null would put in each bin as a dashed line, and the Fisher statistic in the panel
/// title. Low percentiles mean more specialized than random subclusters.
/// </summary>
internal static class PercentileHistogramFigure
{
    private const double PlotWidth = 200, PlotHeight = 130, Left = 46, Right = 16, Top = 66, Bottom = 44, LegendHeight = 24, MinWidth = 620;
    private const string BarFill = "#4c72b0", NullStroke = "#c44e52", AxisStroke = "#333333", GridStroke = "#dddddd";

    public sealed record Panel(string Partitioning, ProxyStats Stats);

    /// <summary>Subclusters per bin: bin b holds p′ ∈ [b/bins, (b + 1)/bins), the last bin includes 1.</summary>
    public static int[] Counts(IReadOnlyList<double> percentiles, int bins)
    {
        var counts = new int[bins];
        foreach (double p in percentiles)
            counts[Math.Clamp((int)Math.Floor(p * bins), 0, bins - 1)]++;
        return counts;
    }

    public static string Render(string label, ProxyLabel proxy, IReadOnlyList<Panel> panels, int bins)
    {
        double panelWidth = Left + PlotWidth + Right;
        // At least MinWidth wide so the title and legend fit over a single panel; panels centred.
        double width = Math.Max(panels.Count * panelWidth + 8, MinWidth), height = Top + PlotHeight + Bottom + LegendHeight;
        double left = (width - panels.Count * panelWidth) / 2;
        string title = $"Percentiles of the true subclusters: {label}, {proxy.Heading}";
        var svg = new SvgBuilder(width, height, title, Describe(label, proxy, panels, bins));
        svg.Text(width / 2, 18, title, 13, "middle", bold: true);
        for (int i = 0; i < panels.Count; i++)
            DrawPanel(svg, left + i * panelWidth, panels[i], bins);

        // Legend: a bar and the dashed null line.
        double ly = Top + PlotHeight + Bottom + 8;
        double lx = width / 2 - 150;
        svg.Rect(lx, ly - 8, 12, 10, BarFill);
        svg.Text(lx + 16, ly, "true subclusters", 10);
        svg.Line(lx + 120, ly - 3, lx + 144, ly - 3, NullStroke, 1.5, "5 3");
        svg.Text(lx + 148, ly, "uniform null (same count in every bin)", 10);
        return svg.ToString();
    }

    private static void DrawPanel(SvgBuilder svg, double x0, Panel panel, int bins)
    {
        IReadOnlyList<double> percentiles = ReportLayout.Percentiles(panel.Stats);
        int[] counts = Counts(percentiles, bins);
        double expected = percentiles.Count / (double)bins;
        var (yMax, yStep) = FigureScale.NiceAxis(Math.Max(counts.DefaultIfEmpty(0).Max(), expected) * 1.05, 4, minStep: 1);
        double px = x0 + Left, py = Top;
        double Y(double count) => py + PlotHeight - count / yMax * PlotHeight;

        svg.Text(px + PlotWidth / 2, 40, panel.Partitioning, 12, "middle", bold: true);
        svg.Text(px + PlotWidth / 2, 56, Subtitle(panel.Stats), 10, "middle");

        int yTicks = (int)Math.Round(yMax / yStep);
        for (int i = 0; i <= yTicks; i++)
        {
            double t = i * yStep;
            svg.Line(px, Y(t), px + PlotWidth, Y(t), GridStroke, 0.5);
            svg.Text(px - 4, Y(t) + 3.5, t.ToString("0.##", CultureInfo.InvariantCulture), 9, "end");
        }
        double barWidth = PlotWidth / bins;
        for (int b = 0; b < bins; b++)
        {
            if (counts[b] == 0) continue;
            svg.Rect(px + b * barWidth + 0.5, Y(counts[b]), barWidth - 1, PlotHeight - (Y(counts[b]) - py), BarFill);
        }
        if (percentiles.Count > 0)
            svg.Line(px, Y(expected), px + PlotWidth, Y(expected), NullStroke, 1.5, "5 3");
        svg.Line(px, py + PlotHeight, px + PlotWidth, py + PlotHeight, AxisStroke);
        svg.Line(px, py, px, py + PlotHeight, AxisStroke);
        foreach (double t in (ReadOnlySpan<double>)[0, 0.25, 0.5, 0.75, 1])
        {
            double x = px + t * PlotWidth;
            svg.Line(x, py + PlotHeight, x, py + PlotHeight + 4, AxisStroke);
            svg.Text(x, py + PlotHeight + 15, t.ToString("0.##", CultureInfo.InvariantCulture), 9, "middle");
        }
        svg.Text(px + PlotWidth / 2, py + PlotHeight + 32, "centred percentile p′", 10, "middle");
        svg.Text(x0 + 12, py + PlotHeight / 2, "subclusters", 10, "middle", rotate: -90);
    }

    private static string Subtitle(ProxyStats stats) => stats switch
    {
        ReplicateProxyStats r => $"mean F = {ReportNumbers.Fisher(r.FisherStatistic)}, p = {ReportNumbers.P(r.PValue)} ({r.ReplicateCount} networks)",
        _ => $"F = {ReportNumbers.Fisher(stats.FisherStatistic)}, p = {ReportNumbers.P(stats.PValue)}",
    };

    private static string Describe(string label, ProxyLabel proxy, IReadOnlyList<Panel> panels, int bins)
    {
        var parts = panels.Select(p =>
        {
            var percentiles = ReportLayout.Percentiles(p.Stats);
            return $"{p.Partitioning}: {Subtitle(p.Stats)}, {percentiles.Count} subclusters, counts per bin {string.Join(" ", Counts(percentiles, bins))}";
        });
        return $"Histograms of the centred percentiles p′ of the true subclusters of {label} for proxy {proxy.Name}, " +
               $"in {bins} bins over [0, 1], one panel per partitioning; a low percentile means more specialized than " +
               $"the random subclusters, and a uniform histogram (dashed line) is what random subclusters give. " +
               string.Join("; ", parts) + ".";
    }
}
