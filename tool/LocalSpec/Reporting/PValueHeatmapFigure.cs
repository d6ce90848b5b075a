using System.Globalization;

namespace LocalSpec.Reporting;

/// <summary>
/// −log₁₀ p of every cell as a heatmap: rows are the table's row blocks (experiment × k), columns
/// partitioning × proxy (grouped by proxy); a sequential colour scale with its legend, the value
/// in each cell, and an outline on the cells that are significant after Benjamini–Hochberg.
/// </summary>
internal static class PValueHeatmapFigure
{
    private const double CellWidth = 46, CellHeight = 24, TitleHeight = 28, ProxyHeaderHeight = 20,
        PartitioningHeaderHeight = 92, LegendWidth = 120, FootHeight = 34, CharWidth = 6.2;

    /// <summary>
    /// The colour scale saturates at −log₁₀ p = 10: beyond that every cell is overwhelmingly
    /// significant, and one p of 10⁻⁴⁰⁰ would otherwise wash out the differences that matter.
    /// </summary>
    public const double ColourCap = 10;
    private const string MissingFill = "#eeeeee";

    public static string Render(ReportLayout layout)
    {
        var columns = layout.Proxies
            .SelectMany(proxy => layout.Partitionings.Select(part => (Proxy: proxy, part.Graph, part.Scope)))
            .Where(c => layout.Groups.Any(g => layout.Find(g, c.Graph, c.Scope, c.Proxy.Name) is not null))
            .ToList();
        double labelWidth = Math.Max(80, 16 + CharWidth * layout.Groups.Max(g => g.Label.Length));
        double gridLeft = labelWidth, gridTop = TitleHeight + ProxyHeaderHeight + PartitioningHeaderHeight;
        double width = gridLeft + columns.Count * CellWidth + LegendWidth;
        double height = gridTop + layout.Groups.Count * CellHeight + FootHeight;

        double maxValue = layout.Cells.Select(c => -c.Stats.PValue.Log10P).DefaultIfEmpty(0).Max();
        bool capped = maxValue > ColourCap;
        var (vmax, step) = FigureScale.NiceAxis(Math.Clamp(maxValue, 2, ColourCap), 4);
        string? critical = layout.Significance?.CriticalP is double cp ? ReportNumbers.P(cp) : null;
        string alpha = ReportNumbers.Plain(layout.Alpha);

        const string title = "−log₁₀ p of every cell";
        string desc = $"Heatmap of −log10 p: one row per network ({string.Join("; ", layout.Groups.Select(g => g.Label))}), " +
                      $"one column per proxy and partitioning; darker cells have smaller p-values (scale 0 to {ReportNumbers.Plain(vmax)}{(capped ? " and above" : "")}). " +
                      $"Outlined cells are significant after Benjamini–Hochberg at α = {alpha} over all {layout.Cells.Count} p-values" +
                      (critical is null ? " (none is)." : $" (critical p = {critical}).") +
                      " Each cell's title gives its p-value and Fisher statistic.";
        var svg = new SvgBuilder(width, height, title, desc);
        svg.Text(gridLeft + columns.Count * CellWidth / 2, 18, title, 13, "middle", bold: true);

        // Column headers: the proxy over its partitionings, then each partitioning written upwards.
        for (int start = 0; start < columns.Count;)
        {
            int end = start;
            while (end < columns.Count && columns[end].Proxy == columns[start].Proxy) end++;
            double x1 = gridLeft + start * CellWidth, x2 = gridLeft + end * CellWidth;
            svg.Text((x1 + x2) / 2, TitleHeight + 12, columns[start].Proxy.Heading, 11, "middle", bold: true);
            svg.Line(x1 + 3, TitleHeight + ProxyHeaderHeight - 2, x2 - 3, TitleHeight + ProxyHeaderHeight - 2, "#333333");
            start = end;
        }
        for (int j = 0; j < columns.Count; j++)
        {
            double x = gridLeft + (j + 0.5) * CellWidth + 4;
            svg.Text(x, gridTop - 6, PartitioningLabel.Of(columns[j].Graph, columns[j].Scope), 10, "start", rotate: -90);
        }

        for (int i = 0; i < layout.Groups.Count; i++)
        {
            var group = layout.Groups[i];
            double y = gridTop + i * CellHeight;
            svg.Text(gridLeft - 8, y + CellHeight / 2 + 4, group.Label, 11, "end");
            for (int j = 0; j < columns.Count; j++)
            {
                double x = gridLeft + j * CellWidth;
                var (proxy, graph, scope) = columns[j];
                if (layout.Find(group, graph, scope, proxy.Name) is not { } cell)
                {
                    svg.Rect(x, y, CellWidth, CellHeight, MissingFill, "#ffffff");
                    svg.Text(x + CellWidth / 2, y + CellHeight / 2 + 4, "–", 10, "middle", "#888888");
                    continue;
                }
                double value = -cell.Stats.PValue.Log10P;
                double t = Math.Min(1, value / vmax);
                string tooltip = $"{group.Label} · {PartitioningLabel.Of(graph, scope)} · {proxy.Heading}: " +
                                 $"p = {ReportNumbers.P(cell.Stats.PValue)}, F = {ReportNumbers.Fisher(cell.Stats.FisherStatistic)}";
                bool significant = layout.IsSignificant(cell);
                svg.Rect(x, y, CellWidth, CellHeight, FigureScale.Color(t), "#ffffff", 1, tooltip);
                if (significant)
                    svg.Rect(x + 1.5, y + 1.5, CellWidth - 3, CellHeight - 3, "none", "#000000", 2);
                svg.Text(x + CellWidth / 2, y + CellHeight / 2 + 4, ReportNumbers.MinusLog10P(cell.Stats.PValue), 10, "middle",
                    FigureScale.TextOn(t), bold: significant);
            }
        }

        DrawLegend(svg, gridLeft + columns.Count * CellWidth + 28, gridTop, Math.Max(3, layout.Groups.Count) * CellHeight, vmax, step, capped);
        double footY = gridTop + layout.Groups.Count * CellHeight + 22;
        svg.Rect(gridLeft, footY - 10, 14, 12, "none", "#000000", 2);
        svg.Text(gridLeft + 20, footY, $"significant after Benjamini–Hochberg, α = {alpha}" + (critical is null ? " (none)" : $" (p ≤ {critical})"), 10);
        return svg.ToString();
    }

    private static void DrawLegend(SvgBuilder svg, double x, double top, double barHeight, double vmax, double step, bool capped)
    {
        // Top of the bar is vmax: stops run from the dark end (offset 0) to the light end.
        var stops = Enumerable.Range(0, FigureScale.PaletteStops).Select(i =>
        {
            double t = i / (double)(FigureScale.PaletteStops - 1);
            return $"<stop offset=\"{SvgBuilder.N(100 * t)}%\" stop-color=\"{FigureScale.Color(1 - t)}\"/>";
        });
        svg.Raw($"<defs><linearGradient id=\"scale\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"1\">{string.Concat(stops)}</linearGradient></defs>");
        svg.Text(x, top - 10, "−log₁₀ p", 10);
        svg.Rect(x, top, 14, barHeight, "url(#scale)", "#333333", 0.5);
        int ticks = (int)Math.Round(vmax / step);
        for (int i = 0; i <= ticks; i++)
        {
            double v = i * step, y = top + barHeight - v / vmax * barHeight;
            svg.Line(x + 14, y, x + 18, y, "#333333");
            string label = v.ToString("0.##", CultureInfo.InvariantCulture);
            svg.Text(x + 21, y + 3.5, capped && i == ticks ? "≥ " + label : label, 9);
        }
    }
}
