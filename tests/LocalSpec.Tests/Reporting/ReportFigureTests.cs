using System.Xml;
using LocalSpec.Reporting;

namespace LocalSpec.Tests.Reporting;

public sealed class ReportFigureTests
{
    private const string SvgNamespace = "http://www.w3.org/2000/svg";

    private static Dictionary<string, string> Svgs(ReportInput input)
    {
        using var dir = new TempDirectory();
        var outcome = ReportWriter.Write(input, new ReportOptions(dir.Path));
        return outcome.Files.Where(f => f.EndsWith(".svg", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetFileName(f), File.ReadAllText);
    }

    private static XmlDocument Parse(string svg)
    {
        var doc = new XmlDocument();
        doc.LoadXml(svg);   // throws on XML that is not well formed
        return doc;
    }

    [Fact]
    public void Every_figure_is_well_formed_svg_with_a_title_and_a_description()
    {
        var svgs = Svgs(ReportFixtures.Golden());
        Assert.Equal(11, svgs.Count);
        foreach (var (name, svg) in svgs)
        {
            var root = Parse(svg).DocumentElement!;
            Assert.True(root.LocalName == "svg" && root.NamespaceURI == SvgNamespace, name);
            Assert.Equal("title desc", root.GetAttribute("aria-labelledby"));
            var children = root.ChildNodes.OfType<XmlElement>().ToList();
            Assert.True(children[0].LocalName == "title" && children[0].InnerText.Length > 10, $"{name}: first child is a title");
            Assert.True(children[1].LocalName == "desc" && children[1].InnerText.Length > 40, $"{name}: second child is a desc");
        }
    }

    [Fact]
    public void A_label_with_markup_characters_stays_text_in_the_svg()
    {
        var cell = ReportFixtures.Cell("x", "weights", "network", "lesion.acc_drop", 0.5) with { Label = "<b>A & \"B\"</b>\u0001" };
        var doc = Parse(Svgs(new ReportInput([cell], []))["fig3-log10p-heatmap.svg"]);
        var texts = doc.GetElementsByTagName("text").OfType<XmlElement>().Select(t => t.InnerText);
        Assert.Contains("<b>A & \"B\"</b>", texts);
    }

    [Fact]
    public void Histogram_counts_match_a_direct_count_of_each_bin()
    {
        var rng = new LocalSpec.Numerics.Rng(3);
        foreach (int bins in (int[])[1, 4, 10, 20, 7])
        {
            double[] p = Enumerable.Range(0, 500).Select(_ => rng.NextDouble()).Append(0).Append(1).Append(0.5).ToArray();
            int[] counts = PercentileHistogramFigure.Counts(p, bins);
            for (int b = 0; b < bins; b++)
            {
                double lo = (double)b / bins, hi = (double)(b + 1) / bins;
                int expected = p.Count(x => x >= lo && (x < hi || (b == bins - 1 && x <= 1)));
                Assert.Equal(expected, counts[b]);
            }
        }
    }

    [Fact]
    public void A_histogram_pools_the_percentiles_of_all_replicates()
    {
        var stats = ReportFixtures.Replicates(5, 3, 24, 1.5, 0, true);
        var cell = new ReportCell("e", "E", null, "weights", "network", 16, "lesion.acc_drop", stats);
        string svg = Svgs(new ReportInput([cell], []))["fig2-percentiles-e-lesion.acc_drop.svg"];
        var desc = Parse(svg).GetElementsByTagName("desc")[0]!.InnerText;
        var expected = PercentileHistogramFigure.Counts(stats.Replicates.SelectMany(r => r.Percentiles).ToArray(), 10);
        Assert.Equal(72, expected.Sum());
        Assert.Contains($"72 subclusters, counts per bin {string.Join(" ", expected)}", desc);
        Assert.Contains("(3 networks)", desc);
    }

    [Fact]
    public void The_heatmap_has_one_cell_per_statistic_with_its_p_value_and_outlines_the_significant_ones()
    {
        var input = ReportFixtures.Golden();
        var doc = Parse(Svgs(input)["fig3-log10p-heatmap.svg"]);
        var cellRects = doc.GetElementsByTagName("rect").OfType<XmlElement>()
            .Where(r => r.GetElementsByTagName("title").Count == 1).ToList();
        Assert.Equal(input.Cells.Count, cellRects.Count);
        Assert.Contains(cellRects, r => r.InnerText.EndsWith("p = 5e-435, F = 9.87", StringComparison.Ordinal));
        int outlined = doc.GetElementsByTagName("rect").OfType<XmlElement>()
            .Count(r => r.GetAttribute("fill") == "none" && r.GetAttribute("stroke") == "#000000") - 1;   // minus the legend's sample
        var bh = LocalSpec.Stats.BenjaminiHochberg.Apply(input.Cells.Select(c => c.Stats.PValue.P).ToArray());
        Assert.Equal(bh.SignificantCount, outlined);
    }

    [Fact]
    public void Svg_numbers_have_at_most_two_decimals_and_no_negative_zero()
    {
        Assert.Equal("0", SvgBuilder.N(-0.001));
        Assert.Equal("1.24", SvgBuilder.N(1.235));
        Assert.Equal("12", SvgBuilder.N(12.0));
        using var scope = new CultureScope("de-DE");
        Assert.Equal("3.5", SvgBuilder.N(3.5));
    }

    [Fact]
    public void The_colour_scale_runs_from_the_lightest_to_the_darkest_stop()
    {
        Assert.Equal("#f7fbff", FigureScale.Color(0));
        Assert.Equal("#08306b", FigureScale.Color(1));
        Assert.Equal("#08306b", FigureScale.Color(double.PositiveInfinity));
        Assert.Equal("#6baed6", FigureScale.Color(0.5));
    }
}
